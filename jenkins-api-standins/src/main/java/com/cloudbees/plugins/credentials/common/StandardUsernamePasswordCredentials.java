package com.cloudbees.plugins.credentials.common;

/** Stand-in of credentials' StandardUsernamePasswordCredentials. */
public interface StandardUsernamePasswordCredentials extends StandardUsernameCredentials, UsernamePasswordCredentials {
}
