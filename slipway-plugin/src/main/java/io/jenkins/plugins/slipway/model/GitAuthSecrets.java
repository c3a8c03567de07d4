package io.jenkins.plugins.slipway.model;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.SecretMasker;

/** The secrets a Git credential carries, registered with a masker before any work logs a line. */
final class GitAuthSecrets {
    private GitAuthSecrets() {
    }

    static void register(SecretMasker masker, GitAuth auth) {
        if (auth instanceof GitAuth.UsernamePassword basic) {
            masker.register(basic.password());
        } else if (auth instanceof GitAuth.SshKey key) {
            masker.register(key.privateKey());
            masker.register(key.passphrase());
        }
    }
}
