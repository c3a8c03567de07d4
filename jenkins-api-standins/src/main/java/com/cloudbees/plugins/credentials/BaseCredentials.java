package com.cloudbees.plugins.credentials;

/** Stand-in of credentials' BaseCredentials. */
public class BaseCredentials implements Credentials {

    protected BaseCredentials() {
        throw new UnsupportedOperationException("stand-in");
    }
}
