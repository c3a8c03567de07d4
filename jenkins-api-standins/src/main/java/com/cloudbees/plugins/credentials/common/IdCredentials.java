package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Stand-in of credentials' IdCredentials. */
public interface IdCredentials extends Credentials {
}
