package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

/** Stand-in of credentials' BaseStandardCredentials. */
public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {

    public BaseStandardCredentials(CredentialsScope scope, String id, String description) {
        super();
        throw new UnsupportedOperationException("stand-in");
    }
}
