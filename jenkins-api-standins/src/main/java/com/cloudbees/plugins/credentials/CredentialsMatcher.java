package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stand-in of credentials' CredentialsMatcher. */
public interface CredentialsMatcher extends Serializable {
    boolean matches(Credentials item);
}
