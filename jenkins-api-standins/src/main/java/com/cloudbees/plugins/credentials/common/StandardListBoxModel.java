package com.cloudbees.plugins.credentials.common;

/** Stand-in of credentials' StandardListBoxModel. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    public StandardListBoxModel() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException("stand-in");
    }
}
