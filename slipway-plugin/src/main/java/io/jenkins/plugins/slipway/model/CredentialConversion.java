package io.jenkins.plugins.slipway.model;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.image.BuildRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the credentials a step names into the engine's identities: registry authentication ({@link RegistryAuth})
 * and build secrets. Every refusal names the step field, the credential id and what to use instead; no message
 * holds a secret.
 */
public final class CredentialConversion {

    /** azure-credentials' environment names (AzureEnvUtil.Constants) and the engine's clouds. */
    private static final Map<String, AzureCloud> ENVIRONMENTS = Map.of(
            "azure", AzureCloud.AZURE_PUBLIC,
            "azure china", AzureCloud.AZURE_CHINA,
            "azure us government", AzureCloud.AZURE_US_GOVERNMENT);

    private final CredentialLookup lookup;

    public CredentialConversion(CredentialLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * Registry authentication for {@code credentialsId}: username/password as basic auth, Azure credentials as an
     * Azure AD identity (exchanged for an ACR refresh token on the controller). A blank id means anonymous.
     */
    public RegistryAuth registryAuth(String field, String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return new RegistryAuth.Anonymous();
        }
        FoundCredential credential = find(field, credentialsId);
        if (credential instanceof FoundCredential.UsernamePassword basic) {
            return new RegistryAuth.Basic(basic.username(), basic.password());
        }
        if (credential instanceof FoundCredential.AzureServicePrincipal principal) {
            return new RegistryAuth.AzureAd(azureIdentity(field, credentialsId, principal), customAuthority(principal));
        }
        if (credential instanceof FoundCredential.AzureManagedIdentity managed) {
            return new RegistryAuth.AzureAd(azureIdentity(field, credentialsId, managed));
        }
        throw new InvalidInputException(field, "credential '" + credentialsId + "' is a " + credential.kind()
                + ", which cannot log in to a registry",
                "choose an Azure service principal, an Azure managed identity, or a username with password"
                        + " (ACR admin user or ACR token)");
    }

    /** A build secret {@code id} whose value is the secret text credential {@code credentialsId}. */
    public BuildRequest.BuildSecret buildSecret(String field, String id, String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new InvalidInputException(field, "build secret '" + id + "' names no credential",
                    "give the id of a secret text credential");
        }
        FoundCredential credential = find(field, credentialsId);
        if (credential instanceof FoundCredential.SecretText text) {
            return BuildRequest.BuildSecret.ofValue(id, text.secret());
        }
        throw new InvalidInputException(field, "credential '" + credentialsId + "' for build secret '" + id + "' is a "
                + credential.kind() + ", not a secret text", "store the value as a secret text credential");
    }

    /** The user name sent with a secret text token over HTTPS: GitHub and Azure DevOps accept any user with a token. */
    public static final String TOKEN_USERNAME = "x-access-token";

    /**
     * Git credentials for a GitOps repository: a username with password (or token) and a secret text token for
     * {@code https://}, an SSH private key for {@code ssh://} (the host key checked against {@code knownHosts}; a new
     * one accepted only with {@code acceptNewHostKey}). A blank id means anonymous ({@code git://}, public HTTPS).
     * This is the one long-lived secret that goes to the agent (DESIGN.md, "Where things run in Jenkins").
     */
    public GitAuth gitAuth(String field, String credentialsId, String knownHosts, boolean acceptNewHostKey) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return new GitAuth.None();
        }
        FoundCredential credential = find(field, credentialsId);
        if (credential instanceof FoundCredential.UsernamePassword basic) {
            requireSecret(field, credentialsId, "password", basic.password());
            return new GitAuth.UsernamePassword(basic.username(), basic.password());
        }
        if (credential instanceof FoundCredential.SecretText text) {
            requireSecret(field, credentialsId, "secret", text.secret());
            return new GitAuth.UsernamePassword(TOKEN_USERNAME, text.secret());
        }
        if (credential instanceof FoundCredential.SshPrivateKey ssh) {
            requireSecret(field, credentialsId, "private key", ssh.privateKey());
            Secret passphrase = ssh.passphrase() == null || ssh.passphrase().isEmpty() ? null : ssh.passphrase();
            return new GitAuth.SshKey(ssh.username(), ssh.privateKey(), passphrase, knownHosts == null ? "" : knownHosts,
                    acceptNewHostKey);
        }
        throw new InvalidInputException(field, "credential '" + credentialsId + "' is a " + credential.kind()
                + ", which Git cannot use", "choose a username with password or token, a secret text token (HTTPS),"
                        + " or an SSH private key (ssh://)");
    }

    /**
     * An API token (pull requests, commit statuses, Argo CD): a secret text, or the password of a username with
     * password. A blank id gives {@code null}: the caller decides whether a token is needed.
     */
    public Secret apiToken(String field, String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        FoundCredential credential = find(field, credentialsId);
        if (credential instanceof FoundCredential.SecretText text) {
            requireSecret(field, credentialsId, "secret", text.secret());
            return text.secret();
        }
        if (credential instanceof FoundCredential.UsernamePassword basic) {
            requireSecret(field, credentialsId, "password", basic.password());
            return basic.password();
        }
        throw new InvalidInputException(field, "credential '" + credentialsId + "' is a " + credential.kind()
                + ", not a token", "store the API token as a secret text credential");
    }

    private static void requireSecret(String field, String credentialsId, String what, Secret value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "credential '" + credentialsId + "' has no " + what,
                    "edit the credential and fill in the " + what);
        }
    }

    /** The kubeconfig held by the secret file credential {@code credentialsId}. */
    public Secret kubeconfig(String field, String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new InvalidInputException(field, "is empty", "give the id of a secret file credential holding a kubeconfig");
        }
        FoundCredential credential = find(field, credentialsId);
        if (credential instanceof FoundCredential.SecretFile file) {
            if (file.content() == null || file.content().isEmpty()) {
                throw new InvalidInputException(field, "secret file credential '" + credentialsId + "' is empty",
                        "upload the kubeconfig file to the credential again");
            }
            return file.content();
        }
        throw new InvalidInputException(field, "credential '" + credentialsId + "' is a " + credential.kind()
                + ", not a secret file", "store the kubeconfig as a secret file credential");
    }

    /** The engine identity of the Azure credential {@code credentialsId} (for ARM calls made on the controller). */
    public AzureIdentity azureIdentity(String field, String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new InvalidInputException(field, "is empty",
                    "give the id of an Azure service principal or Azure managed identity credential");
        }
        return azureIdentity(field, credentialsId, find(field, credentialsId));
    }

    /** The engine identity of an Azure credential. */
    public static AzureIdentity azureIdentity(String field, String credentialsId, FoundCredential credential) {
        if (credential instanceof FoundCredential.AzureServicePrincipal principal) {
            requireText(field, credentialsId, "tenant", principal.tenantId());
            requireText(field, credentialsId, "client id", principal.clientId());
            if (principal.clientSecret() == null || principal.clientSecret().isEmpty()) {
                throw new InvalidInputException(field, "Azure credential '" + credentialsId + "' has no client secret",
                        "add the client secret (certificate-based service principals are not supported yet)");
            }
            return new AzureIdentity.ClientSecret(cloud(field, credentialsId, principal.environmentName()),
                    principal.tenantId(), principal.clientId(), principal.clientSecret());
        }
        if (credential instanceof FoundCredential.AzureManagedIdentity managed) {
            String clientId = managed.clientId() == null || managed.clientId().isBlank() ? null : managed.clientId();
            return new AzureIdentity.ManagedIdentity(cloud(field, credentialsId, managed.environmentName()), clientId);
        }
        throw new InvalidInputException(field, "credential '" + credentialsId + "' is a " + credential.kind()
                + ", not an Azure credential", "choose an Azure service principal or an Azure managed identity");
    }

    private FoundCredential find(String field, String credentialsId) {
        return lookup.find(credentialsId).orElseThrow(() -> new InvalidInputException(field,
                "no credential with id '" + credentialsId + "' is visible to this build",
                "check the id, and that the credential is in this job's folder or global scope"));
    }

    private static AzureCloud cloud(String field, String credentialsId, String environmentName) {
        if (environmentName == null || environmentName.isBlank()) {
            return AzureCloud.AZURE_PUBLIC;
        }
        AzureCloud cloud = ENVIRONMENTS.get(environmentName.strip().toLowerCase(Locale.ROOT));
        if (cloud == null) {
            throw new InvalidInputException(field, "Azure credential '" + credentialsId + "' is for the environment '"
                    + environmentName + "', which Slipway does not know",
                    "use Azure, Azure China or Azure US Government");
        }
        return cloud;
    }

    /** The credential's Active Directory endpoint when it differs from its cloud's (Azure Stack), else null. */
    private static String customAuthority(FoundCredential.AzureServicePrincipal principal) {
        String host = principal.authorityHost();
        if (host == null || host.isBlank()) {
            return null;
        }
        AzureCloud cloud = ENVIRONMENTS.getOrDefault(
                principal.environmentName() == null ? "azure" : principal.environmentName().strip().toLowerCase(Locale.ROOT),
                AzureCloud.AZURE_PUBLIC);
        return stripSlash(host).equalsIgnoreCase(stripSlash(cloud.authorityHost())) ? null : host;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void requireText(String field, String credentialsId, String what, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "Azure credential '" + credentialsId + "' has no " + what,
                    "edit the credential and fill in the " + what);
        }
    }
}
