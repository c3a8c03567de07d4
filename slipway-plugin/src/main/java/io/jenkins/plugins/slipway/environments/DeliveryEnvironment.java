package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.model.StepValues;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One environment of the global configuration ({@code environment} in Configuration as Code): bound from the form or
 * from YAML, normalised by its setters, turned into the plain {@link EnvironmentSpec} that steps use. The fields are
 * those of {@link DeliverySettings}, plus the name and the allowed jobs.
 */
public final class DeliveryEnvironment implements Describable<DeliveryEnvironment> {

    private final String name;
    private String mode;
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
    private String waitApplication;
    private String argoCdServer;
    private String argoCdCredentialsId;
    private String waitFor;
    private String waitTimeoutMinutes;
    private String allowedJobs;

    @DataBoundConstructor
    public DeliveryEnvironment(String name) {
        this.name = StepValues.text(name);
    }

    public String getName() {
        return name;
    }

    /** {@code push} or {@code gitops}. */
    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        DeliveryMode parsed = DeliveryMode.parse("mode", mode);
        this.mode = parsed == null ? null : parsed.text();
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = StepValues.text(registry);
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = StepValues.text(registryCredentialsId);
    }

    public String getKubeconfigCredentialsId() {
        return kubeconfigCredentialsId;
    }

    @DataBoundSetter
    public void setKubeconfigCredentialsId(String kubeconfigCredentialsId) {
        this.kubeconfigCredentialsId = StepValues.text(kubeconfigCredentialsId);
    }

    public String getAzureCredentialsId() {
        return azureCredentialsId;
    }

    @DataBoundSetter
    public void setAzureCredentialsId(String azureCredentialsId) {
        this.azureCredentialsId = StepValues.text(azureCredentialsId);
    }

    public String getSubscriptionId() {
        return subscriptionId;
    }

    @DataBoundSetter
    public void setSubscriptionId(String subscriptionId) {
        this.subscriptionId = StepValues.text(subscriptionId);
    }

    public String getResourceGroup() {
        return resourceGroup;
    }

    @DataBoundSetter
    public void setResourceGroup(String resourceGroup) {
        this.resourceGroup = StepValues.text(resourceGroup);
    }

    public String getClusterName() {
        return clusterName;
    }

    @DataBoundSetter
    public void setClusterName(String clusterName) {
        this.clusterName = StepValues.text(clusterName);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = StepValues.text(namespace);
    }

    public String getGitRepository() {
        return gitRepository;
    }

    @DataBoundSetter
    public void setGitRepository(String gitRepository) {
        this.gitRepository = StepValues.text(gitRepository);
    }

    public String getGitBranch() {
        return gitBranch;
    }

    @DataBoundSetter
    public void setGitBranch(String gitBranch) {
        this.gitBranch = StepValues.text(gitBranch);
    }

    public String getGitPath() {
        return gitPath;
    }

    @DataBoundSetter
    public void setGitPath(String gitPath) {
        this.gitPath = StepValues.text(gitPath);
    }

    public String getGitTargets() {
        return gitTargets;
    }

    @DataBoundSetter
    public void setGitTargets(String gitTargets) {
        StepValues.pairs("gitTargets", gitTargets);
        this.gitTargets = StepValues.text(gitTargets);
    }

    public String getGitCredentialsId() {
        return gitCredentialsId;
    }

    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) {
        this.gitCredentialsId = StepValues.text(gitCredentialsId);
    }

    public String getWaitApplication() {
        return waitApplication;
    }

    @DataBoundSetter
    public void setWaitApplication(String waitApplication) {
        this.waitApplication = StepValues.text(waitApplication);
    }

    public String getArgoCdServer() {
        return argoCdServer;
    }

    @DataBoundSetter
    public void setArgoCdServer(String argoCdServer) {
        this.argoCdServer = StepValues.text(argoCdServer);
    }

    public String getArgoCdCredentialsId() {
        return argoCdCredentialsId;
    }

    @DataBoundSetter
    public void setArgoCdCredentialsId(String argoCdCredentialsId) {
        this.argoCdCredentialsId = StepValues.text(argoCdCredentialsId);
    }

    /** {@code none}, {@code argocd} or {@code flux}. */
    public String getWaitFor() {
        return waitFor;
    }

    @DataBoundSetter
    public void setWaitFor(String waitFor) {
        WaitFor parsed = WaitFor.parse("waitFor", waitFor);
        this.waitFor = parsed == null ? null : parsed.text();
    }

    /** Whole minutes, empty for the default. */
    public String getWaitTimeoutMinutes() {
        return waitTimeoutMinutes;
    }

    @DataBoundSetter
    public void setWaitTimeoutMinutes(String waitTimeoutMinutes) {
        FieldCheck check = EnvironmentValidator.checkWaitTimeoutMinutes(waitTimeoutMinutes);
        if (!check.isOk()) {
            throw new InvalidInputException(check.field(), check.message(), check.fix());
        }
        this.waitTimeoutMinutes = StepValues.text(waitTimeoutMinutes);
    }

    /** Full job names or patterns, one per line ({@link EnvironmentAccess}). */
    public String getAllowedJobs() {
        return allowedJobs;
    }

    @DataBoundSetter
    public void setAllowedJobs(String allowedJobs) {
        List<String> patterns = EnvironmentValidator.splitPatterns(allowedJobs);
        this.allowedJobs = patterns.isEmpty() ? null : String.join("\n", patterns);
    }

    /** The environment as plain values. */
    public EnvironmentSpec spec() {
        DeliverySettings settings = DeliverySettings.builder()
                .mode(DeliveryMode.parse("mode", mode))
                .registry(registry)
                .registryCredentialsId(registryCredentialsId)
                .kubeconfigCredentialsId(kubeconfigCredentialsId)
                .azureCredentialsId(azureCredentialsId)
                .subscriptionId(subscriptionId)
                .resourceGroup(resourceGroup)
                .clusterName(clusterName)
                .namespace(namespace)
                .gitRepository(gitRepository)
                .gitBranch(gitBranch)
                .gitPath(gitPath)
                .gitTargets(gitTargets)
                .gitCredentialsId(gitCredentialsId)
                .waitApplication(waitApplication)
                .argoCdServer(argoCdServer)
                .argoCdCredentialsId(argoCdCredentialsId)
                .waitFor(WaitFor.parse("waitFor", waitFor))
                .waitTimeoutMinutes(waitTimeoutMinutes == null ? null : Integer.valueOf(waitTimeoutMinutes))
                .build();
        return new EnvironmentSpec(name, settings, EnvironmentValidator.splitPatterns(allowedJobs));
    }

    @Extension
    @Symbol("environment")
    public static final class DescriptorImpl extends Descriptor<DeliveryEnvironment> {

        @Override
        public String getDisplayName() {
            return "Slipway environment";
        }

        /** Checks run on the global configuration page: administrators only. */
        private static FormValidation admin(FieldCheck check) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toForm(check);
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkName(value));
        }

        @POST
        public FormValidation doCheckMode(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkMode(value));
        }

        @POST
        public FormValidation doCheckRegistry(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkRegistry(value));
        }

        @POST
        public FormValidation doCheckSubscriptionId(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkSubscriptionId(value));
        }

        @POST
        public FormValidation doCheckGitRepository(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkGitRepository(value));
        }

        @POST
        public FormValidation doCheckGitTargets(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkGitTargets(value));
        }

        @POST
        public FormValidation doCheckArgoCdServer(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkArgoCdServer(value));
        }

        @POST
        public FormValidation doCheckWaitFor(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkWaitFor(value));
        }

        @POST
        public FormValidation doCheckWaitTimeoutMinutes(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkWaitTimeoutMinutes(value));
        }

        @POST
        public FormValidation doCheckAllowedJobs(@QueryParameter String value) {
            return admin(EnvironmentValidator.checkAllowedJobs(value));
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(@QueryParameter String value) {
            return CredentialItems.list(null, value, CredentialItems.Kind.REGISTRY);
        }

        @POST
        public ListBoxModel doFillKubeconfigCredentialsIdItems(@QueryParameter String value) {
            return CredentialItems.list(null, value, CredentialItems.Kind.KUBECONFIG);
        }

        @POST
        public ListBoxModel doFillAzureCredentialsIdItems(@QueryParameter String value) {
            return CredentialItems.list(null, value, CredentialItems.Kind.AZURE);
        }

        @POST
        public ListBoxModel doFillGitCredentialsIdItems(@QueryParameter String value) {
            return CredentialItems.list(null, value, CredentialItems.Kind.GIT);
        }

        @POST
        public ListBoxModel doFillArgoCdCredentialsIdItems(@QueryParameter String value) {
            return CredentialItems.list(null, value, CredentialItems.Kind.TOKEN);
        }

        @POST
        public ListBoxModel doFillModeItems() {
            return Choices.modes();
        }

        @POST
        public ListBoxModel doFillWaitForItems() {
            return Choices.waitFor();
        }
    }
}
