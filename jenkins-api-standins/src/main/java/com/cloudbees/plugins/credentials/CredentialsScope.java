package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stand-in of credentials' CredentialsScope. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
