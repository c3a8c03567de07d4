package io.jenkins.plugins.slipway.environments;

import io.jenkins.plugins.slipway.model.StepValues;
import java.io.Serializable;

/**
 * Where and how a delivery goes: the values an environment provides and a step may give explicitly. Every value may
 * be {@code null} (not given); {@link EnvironmentDefaults#merge} fills a step's gaps from its environment. Text is
 * normalised like step fields ({@link StepValues#text}). No Jenkins types, so steps, forms and tests share it.
 *
 * @param mode                    push mode or GitOps mode
 * @param registry                registry host, e.g. {@code shop.azurecr.io}: images without a host are pushed there
 * @param registryCredentialsId   registry credential (Azure identity or username/password)
 * @param kubeconfigCredentialsId push mode: a secret file credential holding a kubeconfig
 * @param azureCredentialsId      push mode on AKS: the Azure identity that reads the cluster's credentials
 * @param subscriptionId          AKS: subscription id
 * @param resourceGroup           AKS: resource group
 * @param clusterName             AKS: cluster name
 * @param namespace               push mode: namespace for objects that name none
 * @param gitRepository           GitOps: repository URL
 * @param gitBranch               GitOps: branch
 * @param gitPath                 GitOps: folder inside the repository
 * @param gitTargets              GitOps: Helm values keys, {@code repository=image.repository} per line ({@code files},
 *                                {@code repository}, {@code tag}, {@code digest}, {@code image})
 * @param gitCredentialsId        GitOps: Git credential (username with password or token)
 * @param waitFor                 GitOps: what to wait for after the commit
 * @param waitApplication         the Argo CD Application or Flux object
 * @param argoCdServer            Argo CD server URL (API mode)
 * @param argoCdCredentialsId     Argo CD API token (secret text)
 * @param waitTimeoutMinutes      deadline for the rollout or the sync, in minutes
 */
public record DeliverySettings(DeliveryMode mode, String registry, String registryCredentialsId,
        String kubeconfigCredentialsId, String azureCredentialsId, String subscriptionId, String resourceGroup,
        String clusterName, String namespace, String gitRepository, String gitBranch, String gitPath, String gitTargets,
        String gitCredentialsId, WaitFor waitFor, String waitApplication, String argoCdServer,
        String argoCdCredentialsId, Integer waitTimeoutMinutes) implements Serializable {

    public static final DeliverySettings NONE = builder().build();

    public DeliverySettings {
        registry = StepValues.text(registry);
        registryCredentialsId = StepValues.text(registryCredentialsId);
        kubeconfigCredentialsId = StepValues.text(kubeconfigCredentialsId);
        azureCredentialsId = StepValues.text(azureCredentialsId);
        subscriptionId = StepValues.text(subscriptionId);
        resourceGroup = StepValues.text(resourceGroup);
        clusterName = StepValues.text(clusterName);
        namespace = StepValues.text(namespace);
        gitRepository = StepValues.text(gitRepository);
        gitBranch = StepValues.text(gitBranch);
        gitPath = StepValues.text(gitPath);
        gitTargets = StepValues.text(gitTargets);
        gitCredentialsId = StepValues.text(gitCredentialsId);
        waitApplication = StepValues.text(waitApplication);
        argoCdServer = StepValues.text(argoCdServer);
        argoCdCredentialsId = StepValues.text(argoCdCredentialsId);
    }

    /** Whether any value that says how to reach the cluster is given (kubeconfig or AKS). */
    public boolean hasClusterAccess() {
        return kubeconfigCredentialsId != null || azureCredentialsId != null || subscriptionId != null
                || resourceGroup != null || clusterName != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().mode(mode).registry(registry).registryCredentialsId(registryCredentialsId)
                .kubeconfigCredentialsId(kubeconfigCredentialsId).azureCredentialsId(azureCredentialsId)
                .subscriptionId(subscriptionId).resourceGroup(resourceGroup).clusterName(clusterName)
                .namespace(namespace).gitRepository(gitRepository).gitBranch(gitBranch).gitPath(gitPath)
                .gitTargets(gitTargets).gitCredentialsId(gitCredentialsId).waitFor(waitFor)
                .waitApplication(waitApplication).argoCdServer(argoCdServer).argoCdCredentialsId(argoCdCredentialsId)
                .waitTimeoutMinutes(waitTimeoutMinutes);
    }

    /** Collects values by name; {@link #build()} normalises them like the canonical constructor. */
    public static final class Builder {
        private DeliveryMode mode;
        private String registry;
        private String registryCredentialsId;
        private String kubeconfigCredentialsId;
        private String azureCredentialsId;
        private String subscriptionId;
        private String resourceGroup;
        private String clusterName;
        private String namespace;
        private String gitRepository;
        private String gitBranch;
        private String gitPath;
        private String gitTargets;
        private String gitCredentialsId;
        private WaitFor waitFor;
        private String waitApplication;
        private String argoCdServer;
        private String argoCdCredentialsId;
        private Integer waitTimeoutMinutes;

        private Builder() {
        }

        public Builder mode(DeliveryMode value) { mode = value; return this; }
        public Builder registry(String value) { registry = value; return this; }
        public Builder registryCredentialsId(String value) { registryCredentialsId = value; return this; }
        public Builder kubeconfigCredentialsId(String value) { kubeconfigCredentialsId = value; return this; }
        public Builder azureCredentialsId(String value) { azureCredentialsId = value; return this; }
        public Builder subscriptionId(String value) { subscriptionId = value; return this; }
        public Builder resourceGroup(String value) { resourceGroup = value; return this; }
        public Builder clusterName(String value) { clusterName = value; return this; }
        public Builder namespace(String value) { namespace = value; return this; }
        public Builder gitRepository(String value) { gitRepository = value; return this; }
        public Builder gitBranch(String value) { gitBranch = value; return this; }
        public Builder gitPath(String value) { gitPath = value; return this; }
        public Builder gitTargets(String value) { gitTargets = value; return this; }
        public Builder gitCredentialsId(String value) { gitCredentialsId = value; return this; }
        public Builder waitFor(WaitFor value) { waitFor = value; return this; }
        public Builder waitApplication(String value) { waitApplication = value; return this; }
        public Builder argoCdServer(String value) { argoCdServer = value; return this; }
        public Builder argoCdCredentialsId(String value) { argoCdCredentialsId = value; return this; }
        public Builder waitTimeoutMinutes(Integer value) { waitTimeoutMinutes = value; return this; }

        public DeliverySettings build() {
            return new DeliverySettings(mode, registry, registryCredentialsId, kubeconfigCredentialsId,
                    azureCredentialsId, subscriptionId, resourceGroup, clusterName, namespace, gitRepository, gitBranch,
                    gitPath, gitTargets, gitCredentialsId, waitFor, waitApplication, argoCdServer, argoCdCredentialsId,
                    waitTimeoutMinutes);
        }
    }
}
