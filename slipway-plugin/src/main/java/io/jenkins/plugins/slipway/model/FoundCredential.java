package io.jenkins.plugins.slipway.model;

import dev.slipway.support.Secret;

/**
 * A Jenkins credential as the plugin reads it, without Jenkins types: the step execution copies the fields of the
 * real credential (azure-credentials, credentials, plain-credentials) into one of these on the controller, so the
 * conversion to engine identities is plain code that tests reach directly.
 */
public sealed interface FoundCredential {

    /** What the kind is called in messages ("username with password"). */
    String kind();

    /**
     * An Azure service principal ({@code AzureCredentials}) with a client secret.
     *
     * @param environmentName the plugin's environment name ("Azure", "Azure China", "Azure US Government")
     * @param authorityHost   the plugin's Active Directory endpoint, or {@code null} for the environment's own
     */
    record AzureServicePrincipal(String environmentName, String authorityHost, String tenantId, String clientId,
            Secret clientSecret) implements FoundCredential {
        @Override
        public String kind() {
            return "Azure service principal";
        }
    }

    /** The managed identity of the controller VM ({@code AzureImdsCredentials}); system-assigned when clientId is null. */
    record AzureManagedIdentity(String environmentName, String clientId) implements FoundCredential {
        @Override
        public String kind() {
            return "Azure managed identity";
        }
    }

    /** {@code StandardUsernamePasswordCredentials}: an ACR admin user, an ACR token, any registry's basic auth. */
    record UsernamePassword(String username, Secret password) implements FoundCredential {
        @Override
        public String kind() {
            return "username with password";
        }
    }

    /** {@code StringCredentials} (plain-credentials' "secret text"). */
    record SecretText(Secret secret) implements FoundCredential {
        @Override
        public String kind() {
            return "secret text";
        }
    }

    /**
     * ssh-credentials' {@code SSHUserPrivateKey}: the Git credential for {@code ssh://} GitOps repositories.
     *
     * @param privateKey the first private key of the credential (OpenSSH or PEM text)
     * @param passphrase its passphrase, or {@code null}
     */
    record SshPrivateKey(String username, Secret privateKey, Secret passphrase) implements FoundCredential {
        @Override
        public String kind() {
            return "SSH private key";
        }
    }

    /**
     * plain-credentials' {@code FileCredentials} ("secret file"), such as a kubeconfig; its content read as UTF-8.
     *
     * @param fileName the name the file was uploaded with (not secret)
     */
    record SecretFile(String fileName, Secret content) implements FoundCredential {
        @Override
        public String kind() {
            return "secret file";
        }
    }

    /** Any credential kind Slipway does not use (SSH key, certificate, ...), named by its class. */
    record Unsupported(String typeName) implements FoundCredential {
        @Override
        public String kind() {
            return typeName;
        }
    }
}
