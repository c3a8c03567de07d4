package com.cloudbees.plugins.credentials.common;

/** Stand-in of credentials' StandardCredentials. */
public interface StandardCredentials extends IdCredentials {
}
