package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;

/** Stand-in of ssh-credentials' SSHUser (deprecated there in favour of StandardUsernameCredentials). */
@Deprecated
public interface SSHUser extends StandardUsernameCredentials {
}
