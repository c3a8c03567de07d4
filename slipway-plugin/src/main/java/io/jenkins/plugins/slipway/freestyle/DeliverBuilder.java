package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.environments.Choices;
import io.jenkins.plugins.slipway.environments.CredentialItems;
import io.jenkins.plugins.slipway.environments.DeliveryEnvironment;
import io.jenkins.plugins.slipway.environments.DeliveryMode;
import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.environments.EnvironmentValidator;
import io.jenkins.plugins.slipway.environments.FieldCheck;
import io.jenkins.plugins.slipway.environments.FormChecks;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.environments.WaitFor;
import io.jenkins.plugins.slipway.model.ControllerLogin;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import io.jenkins.plugins.slipway.model.EventLines;
import io.jenkins.plugins.slipway.model.BuildProvenance;
import io.jenkins.plugins.slipway.model.StepValues;
import io.jenkins.plugins.slipway.proxy.JenkinsProxy;
import io.jenkins.plugins.slipway.proxy.ProxyMapper;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.Kubeconfigs;
import io.jenkins.plugins.slipway.model.ControllerClusterLogin;
import dev.slipway.support.NetworkSettings;
import io.jenkins.plugins.slipway.proxy.ProxySettings;
import io.jenkins.plugins.slipway.records.RunDeliveries;
import io.jenkins.plugins.slipway.steps.JenkinsCredentials;
import io.jenkins.plugins.slipway.steps.ListenerLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Build and deliver", the freestyle build step: build the Dockerfile, push the image by digest, then deploy it to the
 * cluster (push mode) or commit it to the GitOps repository and wait (GitOps mode). Values left empty come from the
 * named environment, which the job must be allowed to use. Credentials are resolved on the controller (an Azure
 * identity is exchanged there for an ACR token); the engine's delivery runs on the workspace's agent; the record is
 * kept on the run. Holds configuration only; the logic is in {@link DeliveryPlan} and the environments package.
 */
public final class DeliverBuilder extends Builder implements SimpleBuildStep {

    private final String image;
    private String tags;
    private String buildArgs;
    private String manifests;
    private String mode;
    private String gitTargets;
    private String waitFor;
    private String waitTimeoutMinutes;
    private String environment;
    private String context;
    private String dockerfile;
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
    private String gitCredentialsId;
    private String waitApplication;
    private String argoCdServer;
    private String argoCdCredentialsId;

    @DataBoundConstructor
    public DeliverBuilder(String image) {
        this.image = StepValues.text(image);
    }

    public String getImage() {
        return image;
    }

    /** Tags separated by commas, spaces or new lines. */
    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        java.util.List<String> list = StepValues.splitTags(tags);
        this.tags = list.isEmpty() ? null : String.join(" ", list);
    }

    /** {@code NAME=value} per line. */
    public String getBuildArgs() {
        return buildArgs;
    }

    @DataBoundSetter
    public void setBuildArgs(String buildArgs) {
        StepValues.pairs("buildArgs", buildArgs);
        this.buildArgs = StepValues.text(buildArgs);
    }

    /** Push mode: manifest files, folders or globs, separated by commas or new lines. */
    public String getManifests() {
        return manifests;
    }

    @DataBoundSetter
    public void setManifests(String manifests) {
        java.util.List<String> list = EnvironmentValidator.splitPatterns(manifests);
        this.manifests = list.isEmpty() ? null : String.join("\n", list);
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        DeliveryMode parsed = DeliveryMode.parse("mode", mode);
        this.mode = parsed == null ? null : parsed.text();
    }

    public String getGitTargets() {
        return gitTargets;
    }

    @DataBoundSetter
    public void setGitTargets(String gitTargets) {
        StepValues.pairs("gitTargets", gitTargets);
        this.gitTargets = StepValues.text(gitTargets);
    }

    public String getWaitFor() {
        return waitFor;
    }

    @DataBoundSetter
    public void setWaitFor(String waitFor) {
        WaitFor parsed = WaitFor.parse("waitFor", waitFor);
        this.waitFor = parsed == null ? null : parsed.text();
    }

    public String getWaitTimeoutMinutes() {
        return waitTimeoutMinutes;
    }

    @DataBoundSetter
    public void setWaitTimeoutMinutes(String waitTimeoutMinutes) {
        FieldCheck check = EnvironmentValidator.checkWaitTimeoutMinutes(waitTimeoutMinutes);
        if (!check.isOk()) {
            throw new dev.slipway.support.InvalidInputException(check.field(), check.message(), check.fix());
        }
        this.waitTimeoutMinutes = StepValues.text(waitTimeoutMinutes);
    }

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = StepValues.text(context);
    }

    public String getDockerfile() {
        return dockerfile;
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = StepValues.text(dockerfile);
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

    /** What the job builds and applies. */
    public DeliveryInputs inputs() {
        return new DeliveryInputs(image, context, dockerfile, StepValues.splitTags(tags),
                StepValues.pairs("buildArgs", buildArgs), EnvironmentValidator.splitPatterns(manifests));
    }

    /** The job's own delivery values; the environment fills the others ({@code EnvironmentCatalog#resolve}). */
    public DeliverySettings ownSettings() {
        return DeliverySettings.builder()
                .mode(DeliveryMode.parse("mode", mode))
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
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        PrintStream log = listener.getLogger();
        Events events = new Events(Clock.systemUTC(), new SecretMasker())
                .subscribe(event -> EventLines.line(event).ifPresent(log::println));
        try {
            DeliverySettings settings = SlipwayEnvironments.get().catalog()
                    .resolve(environment, run.getParent().getFullName(), ownSettings());
            DeliveryCredentials found = new DeliveryCredentialResolver(new JenkinsCredentials(run),
                    new JenkinsSecretFiles(run)).resolve(settings);
            ImageRef target = ImageRef.parse("image", DeliveryPlan.imageWithRegistry(image, settings.registry()));
            ProxySettings proxy = JenkinsProxy.current();
            ProxyMapper.limitations(proxy).forEach(log::println);
            NetworkSettings network = ProxyMapper.network(proxy);
            RegistryTransport transport = RegistryTransport.defaults();
            RegistryAuth agentAuth = ControllerLogin.forAgent(found.registry(), target, transport, network, events,
                    Path.of(System.getProperty("java.io.tmpdir")));
            // DESIGN.md: the Azure identity stays on the controller; an AKS cluster goes to the agent as a kubeconfig
            ClusterAccess agentCluster = found.cluster() instanceof ClusterAccess.Aks aks
                    ? ControllerClusterLogin.forAgent(aks, Kubeconfigs.AzureTokens.azureIdentity(events.masker(), network),
                            null, events.masker())
                    : found.cluster();
            DeliveryCredentials credentials = new DeliveryCredentials(agentAuth, agentCluster, found.git(),
                    found.argoCdToken());
            DeliveryRequest request = DeliveryPlan.request(StepValues.text(environment), inputs(), settings,
                    credentials, transport, BuildProvenance.from(env, UUID.randomUUID().toString()));
            DeliveryOutcome outcome = workspace.act(new DeliverOnAgent(new DeliveryWork(request, network,
                    new ListenerLog(listener))));
            // a failed delivery's record (failed phase, what was done before it) is stored before the build fails
            RunDeliveries.store(run, outcome.record(), events);
            outcome.resultOrThrow();
        } catch (SlipwayException e) {
            throw new AbortException(e.describe());
        }
    }

    @Extension
    @Symbol("slipwayDeliver")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public String getDisplayName() {
            return "Build and deliver";
        }

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class jobType) {
            return true;
        }

        /** Checks run on a job's configuration page: its configurers only (administrators without a job). */
        private static FormValidation configurer(Item item, FieldCheck check) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
            return FormChecks.toForm(check);
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, DeliverChecks.checkImage(value));
        }

        @POST
        public FormValidation doCheckEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, DeliverChecks.checkEnvironment(SlipwayEnvironments.get().catalog(), value,
                    item == null ? null : item.getFullName()));
        }

        @POST
        public FormValidation doCheckBuildArgs(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, DeliverChecks.checkPairs("buildArgs", value));
        }

        @POST
        public FormValidation doCheckMode(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, EnvironmentValidator.checkMode(value));
        }

        @POST
        public FormValidation doCheckSubscriptionId(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, EnvironmentValidator.checkSubscriptionId(value));
        }

        @POST
        public FormValidation doCheckGitRepository(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, EnvironmentValidator.checkGitRepository(value));
        }

        @POST
        public FormValidation doCheckGitTargets(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, EnvironmentValidator.checkGitTargets(value));
        }

        @POST
        public FormValidation doCheckArgoCdServer(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, EnvironmentValidator.checkArgoCdServer(value));
        }

        @POST
        public FormValidation doCheckWaitTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return configurer(item, EnvironmentValidator.checkWaitTimeoutMinutes(value));
        }

        @POST
        public ListBoxModel doFillEnvironmentItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            model.add("", "");
            boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.CONFIGURE);
            if (allowed) {
                for (DeliveryEnvironment environment : SlipwayEnvironments.get().getEnvironments()) {
                    model.add(environment.getName(), environment.getName());
                }
            }
            return model;
        }

        @POST
        public ListBoxModel doFillModeItems() {
            return Choices.modes();
        }

        @POST
        public ListBoxModel doFillWaitForItems() {
            return Choices.waitFor();
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.list(item, value, CredentialItems.Kind.REGISTRY);
        }

        @POST
        public ListBoxModel doFillKubeconfigCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.list(item, value, CredentialItems.Kind.KUBECONFIG);
        }

        @POST
        public ListBoxModel doFillAzureCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.list(item, value, CredentialItems.Kind.AZURE);
        }

        @POST
        public ListBoxModel doFillGitCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.list(item, value, CredentialItems.Kind.GIT);
        }

        @POST
        public ListBoxModel doFillArgoCdCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.list(item, value, CredentialItems.Kind.TOKEN);
        }
    }
}
