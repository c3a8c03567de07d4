package dev.slipway.cli;

import java.util.List;
import java.util.Map;

/**
 * What {@code slipway.yaml} says (docs/slipway-yaml.md), parsed and checked by {@link SlipwayYaml}. Secrets are
 * never values here: only the names of environment variables or files that hold them. {@code null} means "not
 * given": the command's defaults and flags fill in.
 *
 * @param schemaVersion {@link SlipwayYaml#SCHEMA_VERSION}
 * @param image         the repository built and pushed, and its tags (defaults for every environment)
 * @param build         how to build it; {@code null} when an OCI layout is pushed instead
 * @param layout        the OCI layout to push when there is no build
 * @param registry      how to reach and log in to the registry (defaults for every environment)
 * @param environments  by name, in file order
 */
record DeliveryConfig(int schemaVersion, Image image, Build build, String layout, Registry registry,
        Map<String, Environment> environments) {

    /** @param repository e.g. myacr.azurecr.io/shop/web; @param tags tags or tag templates ({gitCommitShort}) */
    record Image(String repository, List<String> tags) { }

    record Build(String context, String dockerfile, Map<String, String> args, String target, String platform,
            String driver, List<String> insecureRegistries, String pullAuthFile) { }

    /**
     * Registry login and transport; at most one credential kind.
     *
     * @param username           basic-auth user (ACR admin user or token name); the password from {@code passwordEnv}
     *                           or {@code passwordFile}
     * @param acrRefreshTokenEnv environment variable holding an ACR refresh token
     * @param plainHttp          talk plain HTTP to the registry (local test registries only)
     * @param caFile             extra CA certificates (PEM)
     * @param azure              an Azure AD identity exchanged for an ACR token (as {@code slipway push --azure})
     */
    record Registry(String username, String passwordEnv, String passwordFile, String acrRefreshTokenEnv, Boolean plainHttp,
            String caFile, Azure azure) { }

    enum Mode { PUSH, GITOPS }

    /**
     * One environment: its mode and where it goes. {@code image} and {@code registry}, when given, replace the
     * top-level ones for this environment (whole sections, not key by key).
     */
    record Environment(String name, int line, Mode mode, Image image, Registry registry, GitOps gitops, Kubernetes kubernetes,
            Wait await) { }

    /** @param fluxPolicy Flux ImagePolicies ({@code <namespace>:<policy>}) whose {@code $imagepolicy} markers get the pushed image */
    record GitOps(String repository, String branch, String path, GitAuth auth, PullRequest pullRequest, String author,
            String message, String pin, Helm helm, List<String> fluxPolicy) { }

    /** HTTPS: {@code username} with {@code passwordEnv}/{@code passwordFile}; SSH: {@code sshKeyFile} and {@code knownHostsFile}. */
    record GitAuth(String username, String passwordEnv, String passwordFile, String sshKeyFile, String knownHostsFile,
            Boolean acceptNewHostKey) { }

    /** @param host github or azure-devops (default: from the URL); @param tokenEnv API token (default: the Git password) */
    record PullRequest(String host, String apiUrl, String tokenEnv) { }

    record Helm(String files, String repositoryKey, String tagKey, String digestKey, String imageKey) { }

    /**
     * Push mode: the manifests and how to reach the cluster: a kubeconfig from a file or a variable, or an AKS cluster
     * ({@code aks}, whose credentials its Azure identity reads through ARM).
     */
    record Kubernetes(List<String> manifests, String kubeconfigFile, String kubeconfigEnv, String context, String namespace,
            Boolean rollback, String timeout, Boolean plan, Aks aks) { }

    /**
     * An AKS cluster, named as the Jenkins steps name it; {@code armEndpoint} replaces the cloud's ARM address, {@code caFile}
     * (PEM) is trusted in addition for Azure AD and ARM.
     */
    record Aks(String subscriptionId, String resourceGroup, String clusterName, Boolean admin, String armEndpoint, String caFile,
            Azure azure) { }

    /**
     * An Azure AD identity, as the CLI's {@code --azure} options give it: {@code kind} client-secret,
     * client-certificate, managed-identity or workload-identity; the client secret only through {@code clientSecretEnv}
     * (default {@code AZURE_CLIENT_SECRET}) or {@code clientSecretFile}; tenant and client id default to
     * {@code AZURE_TENANT_ID} and {@code AZURE_CLIENT_ID}.
     */
    record Azure(String kind, String tenant, String clientId, String clientSecretEnv, String clientSecretFile,
            String certificateFile, String certificatePasswordEnv, String federatedTokenFile, String cloud, String authorityHost) { }

    /**
     * GitOps mode: wait until Argo CD shows the commit synced and healthy (read-only API token), or until a Flux object
     * ({@code flux}, read through the cluster) has applied it; exactly one of the two.
     */
    record Wait(String argocdApplication, String argocdServer, String tokenEnv, String tokenFile, String timeout,
            String pollInterval, Boolean refresh, FluxWait flux) { }

    /**
     * A Flux object read through the cluster, as {@code slipway wait --flux}: {@code object} is
     * {@code [Kustomization|HelmRelease/][namespace/]name}; the cluster through a kubeconfig or {@code aks}.
     */
    record FluxWait(String object, String kubeconfigFile, String kubeconfigEnv, String context, Aks aks) { }
}
