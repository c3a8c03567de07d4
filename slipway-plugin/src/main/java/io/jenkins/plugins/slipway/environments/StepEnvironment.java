package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import io.jenkins.plugins.slipway.model.ClusterSettings;
import io.jenkins.plugins.slipway.model.StepValues;
import io.jenkins.plugins.slipway.model.WaitForSyncSettings;

/**
 * The {@code environment} option of the steps ({@code acrBuild}, {@code withAcr}, {@code acrCopy}, {@code aksDeploy},
 * {@code withAks}, {@code waitForSync}): the registry and its credential, the cluster, or what to wait for come from the named environment when the step
 * leaves them out, after the access rule
 * ({@link EnvironmentCatalog#resolve}). Without an environment the step's own values stand as given.
 */
public final class StepEnvironment {
    private StepEnvironment() {
    }

    /**
     * A registry and the credential for it.
     *
     * @param target        an image repository ({@link #forImage}) or a registry host ({@link #forRegistry})
     * @param credentialsId the registry credential, or {@code null} for anonymous
     */
    public record RegistryTarget(String target, String credentialsId) {
    }

    /** {@code acrBuild}: an image without a registry host gets the environment's registry in front. */
    public static RegistryTarget forImage(EnvironmentCatalog catalog, String environment, String jobFullName,
            String image, String credentialsId) {
        DeliverySettings merged = merged(catalog, environment, jobFullName, null, credentialsId);
        return new RegistryTarget(StepValues.text(image) == null ? null
                : imageWithRegistry(StepValues.text(image), merged.registry()),
                merged.registryCredentialsId());
    }

    /** {@code withAcr}: the step's registry, or the environment's when it gives none. */
    public static RegistryTarget forRegistry(EnvironmentCatalog catalog, String environment, String jobFullName,
            String registry, String credentialsId) {
        DeliverySettings merged = merged(catalog, environment, jobFullName, registry, credentialsId);
        return new RegistryTarget(merged.registry(), merged.registryCredentialsId());
    }

    /**
     * A cluster to reach and the namespace for objects that name none.
     *
     * @param cluster   the kubeconfig or AKS cluster
     * @param namespace the namespace, or {@code null} for the kubeconfig's
     */
    public record ClusterTarget(ClusterSettings cluster, String namespace) {
    }

    /**
     * {@code aksDeploy}, {@code withAks}: the step's cluster when it names any of the kubeconfig or AKS values, else
     * the environment's as a whole ({@link EnvironmentDefaults#merge}); the kubeconfig context and the admin choice
     * stay the step's; the namespace the step's, else the environment's.
     */
    public static ClusterTarget forCluster(EnvironmentCatalog catalog, String environment, String jobFullName,
            ClusterSettings own, String namespace) {
        DeliverySettings merged = catalog.resolve(environment, jobFullName, DeliverySettings.builder()
                .kubeconfigCredentialsId(own.kubeconfigCredentialsId()).azureCredentialsId(own.azureCredentialsId())
                .subscriptionId(own.subscriptionId()).resourceGroup(own.resourceGroup()).clusterName(own.clusterName())
                .namespace(namespace).build());
        return new ClusterTarget(new ClusterSettings(merged.kubeconfigCredentialsId(), own.context(),
                merged.azureCredentialsId(), merged.subscriptionId(), merged.resourceGroup(), merged.clusterName(),
                own.admin()), merged.namespace());
    }

    /**
     * {@code waitForSync}: what to wait for comes from the environment when the step names neither an Argo CD
     * Application nor a Flux object: its Argo CD Application, server and token, or its Flux object with the GitOps
     * repository, branch and Git credential (Flux statuses are read on the Git host). A step that names its own target
     * keeps it and gets only the matching values it leaves out. The environment's timeout (minutes) applies when the
     * step gives none.
     */
    public static WaitForSyncSettings forWait(EnvironmentCatalog catalog, String environment, String jobFullName,
            WaitForSyncSettings own) {
        WaitFor ownTarget = own.argoCdApplication() != null ? WaitFor.ARGOCD
                : own.fluxObject() != null ? WaitFor.FLUX : null;
        DeliverySettings merged = catalog.resolve(environment, jobFullName, DeliverySettings.builder()
                .waitFor(ownTarget)
                .waitApplication(ownTarget == WaitFor.ARGOCD ? own.argoCdApplication() : own.fluxObject())
                .argoCdServer(own.argoCdServer()).argoCdCredentialsId(own.argoCdCredentialsId())
                .gitRepository(own.repository()).gitBranch(own.branch()).gitCredentialsId(own.gitCredentialsId())
                .build());
        boolean argoCd = merged.waitFor() == WaitFor.ARGOCD;
        boolean flux = merged.waitFor() == WaitFor.FLUX;
        String timeout = own.timeout() != null || merged.waitTimeoutMinutes() == null ? own.timeout()
                : merged.waitTimeoutMinutes() + "m";
        return new WaitForSyncSettings(own.commit(),
                argoCd ? merged.waitApplication() : own.argoCdApplication(),
                argoCd ? merged.argoCdServer() : own.argoCdServer(),
                argoCd ? merged.argoCdCredentialsId() : own.argoCdCredentialsId(),
                flux ? merged.waitApplication() : own.fluxObject(),
                flux ? merged.gitRepository() : own.repository(),
                flux ? merged.gitBranch() : own.branch(),
                own.gitHost(), own.gitApiUrl(),
                flux ? merged.gitCredentialsId() : own.gitCredentialsId(),
                own.pullRequest(), timeout, own.pollInterval(), own.refresh());
    }

    /**
     * {@code image} as given when it names a registry host (its first part has a {@code .} or {@code :}, or is
     * {@code localhost}); else {@code registry/image}. Without a registry the image stays as given.
     */
    public static String imageWithRegistry(String image, String registry) {
        if (image == null) {
            throw new InvalidInputException("image", "is empty", "give the repository to push to, e.g. shop.azurecr.io/shop/web");
        }
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        return hasHost || registry == null ? image : registry + "/" + image;
    }

    private static DeliverySettings merged(EnvironmentCatalog catalog, String environment, String jobFullName,
            String registry, String credentialsId) {
        DeliverySettings own = DeliverySettings.builder().registry(registry).registryCredentialsId(credentialsId)
                .build();
        return catalog.resolve(environment, jobFullName, own);
    }
}
