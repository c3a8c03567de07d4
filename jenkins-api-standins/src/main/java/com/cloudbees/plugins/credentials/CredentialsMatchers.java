package com.cloudbees.plugins.credentials;

/** Stand-in of credentials' CredentialsMatchers. */
public class CredentialsMatchers {
    private CredentialsMatchers() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static CredentialsMatcher instanceOf(Class clazz) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("stand-in");
    }
}
