package com.cloudbees.plugins.credentials.common;

/** Stand-in of credentials' UsernamePasswordCredentials. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {
}
