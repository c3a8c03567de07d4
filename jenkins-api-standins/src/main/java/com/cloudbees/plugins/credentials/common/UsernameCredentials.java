package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Stand-in of credentials' UsernameCredentials. */
public interface UsernameCredentials extends Credentials {

    String getUsername();
}
