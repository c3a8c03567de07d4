package com.cloudbees.plugins.credentials.common;

/** Stand-in of credentials' StandardUsernameCredentials. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {
}
