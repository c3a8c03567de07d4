package io.jenkins.plugins.slipway.steps;

import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.Kubeconfigs;
import dev.slipway.support.SecretMasker;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.AksDeployPlan;
import io.jenkins.plugins.slipway.model.AksDeploySettings;
import io.jenkins.plugins.slipway.model.AksDeployWork;
import io.jenkins.plugins.slipway.model.ClusterSettings;
import io.jenkins.plugins.slipway.model.ControllerClusterLogin;
import io.jenkins.plugins.slipway.model.CredentialConversion;
import io.jenkins.plugins.slipway.model.StepLabels;
import io.jenkins.plugins.slipway.model.StepValues;
import java.io.File;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.environments.StepEnvironment;
import com.microsoft.azure.util.AzureBaseCredentials;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.model.FieldCheck;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * {@code aksDeploy manifests: 'k8s/', images: img.image, clusterName: 'aks-prod', …}: push mode. The workspace's
 * manifests get the pushed image by digest, are applied server-side, and the rollout is waited for (and rolled back
 * when it fails). The cluster is reached with a kubeconfig secret file credential, or with an Azure credential whose
 * short-lived cluster credentials are fetched on the controller. Returns a map: {@code objects}, {@code summary},
 * {@code rolledOut}, {@code message}.
 */
public final class AksDeployStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String manifests;
    private String images;
    private String namespace;
    private String environment;
    private String kubeconfigCredentialsId;
    private String context;
    private String azureCredentialsId;
    private String subscriptionId;
    private String resourceGroup;
    private String clusterName;
    private boolean admin;
    private boolean plan;
    private boolean serverDryRun;
    private boolean force;
    private boolean prune;
    private String applySet;
    private boolean rollback = true;
    private boolean allowDowngrade;
    private String timeout;

    @DataBoundConstructor
    public AksDeployStep(String manifests) {
        List<String> list = AksDeployPlan.splitManifests(manifests);
        this.manifests = list.isEmpty() ? null : String.join("\n", list);
    }

    /** Paths separated by commas or new lines. */
    public String getManifests() {
        return manifests;
    }

    /** Images separated by commas, spaces or new lines. */
    public String getImages() {
        return images;
    }

    @DataBoundSetter
    public void setImages(String images) {
        List<String> list = StepValues.splitTags(images);
        this.images = list.isEmpty() ? null : String.join(" ", list);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = StepValues.text(namespace);
    }

    public String getKubeconfigCredentialsId() {
        return kubeconfigCredentialsId;
    }

    @DataBoundSetter
    public void setKubeconfigCredentialsId(String kubeconfigCredentialsId) {
        this.kubeconfigCredentialsId = StepValues.text(kubeconfigCredentialsId);
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = StepValues.text(context);
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

    public boolean getAdmin() {
        return admin;
    }

    @DataBoundSetter
    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public boolean getPlan() {
        return plan;
    }

    @DataBoundSetter
    public void setPlan(boolean plan) {
        this.plan = plan;
    }

    public boolean getServerDryRun() {
        return serverDryRun;
    }

    @DataBoundSetter
    public void setServerDryRun(boolean serverDryRun) {
        this.serverDryRun = serverDryRun;
    }

    public boolean getForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public boolean getPrune() {
        return prune;
    }

    @DataBoundSetter
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public String getApplySet() {
        return applySet;
    }

    @DataBoundSetter
    public void setApplySet(String applySet) {
        this.applySet = StepValues.text(applySet);
    }

    /** On by default: a failed rollout re-applies the previous specs. */
    public boolean getRollback() {
        return rollback;
    }

    @DataBoundSetter
    public void setRollback(boolean rollback) {
        this.rollback = rollback;
    }

    public boolean getAllowDowngrade() {
        return allowDowngrade;
    }

    @DataBoundSetter
    public void setAllowDowngrade(boolean allowDowngrade) {
        this.allowDowngrade = allowDowngrade;
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}; empty for five minutes. */
    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        AksDeployPlan.timeout(StepValues.text(timeout));
        this.timeout = StepValues.text(timeout);
    }

    /** The cluster access as the plain model takes it. */
    public ClusterSettings cluster() {
        return new ClusterSettings(kubeconfigCredentialsId, context, azureCredentialsId, subscriptionId, resourceGroup,
                clusterName, admin);
    }

    /** The settings as the plain model takes them. */
    public AksDeploySettings settings() {
        return settings(cluster(), namespace);
    }

    /** A Slipway environment: its cluster when the step names none, its namespace when the step gives none. */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    /** The settings, with the named environment's cluster and namespace for what the step leaves out. */
    AksDeploySettings settings(String jobFullName) {
        if (environment == null) {
            return settings();
        }
        StepEnvironment.ClusterTarget target = StepEnvironment.forCluster(SlipwayEnvironments.get().catalog(),
                environment, jobFullName, cluster(), namespace);
        return settings(target.cluster(), target.namespace());
    }

    private AksDeploySettings settings(ClusterSettings cluster, String namespace) {
        return new AksDeploySettings(AksDeployPlan.splitManifests(manifests), StepValues.splitTags(images), namespace,
                cluster, plan, serverDryRun, force, prune, applySet, rollback, allowDowngrade, timeout);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Resolves cluster access on the controller (the AKS exchange happens here), then deploys from the agent. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, String>> {

        private static final long serialVersionUID = 1L;

        private final AksDeployStep step;

        Execution(StepContext context, AksDeployStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, String> run() throws Exception {
            StepRun here = StepRun.of(getContext());
            AksDeploySettings settings = AksDeployPlan.validated(step.settings(here.jobName()));
            SecretMasker masker = new SecretMasker();
            ClusterAccess.Kubeconfig access = ControllerClusterLogin.forAgent(settings.cluster(), here.credentials(),
                    Kubeconfigs.AzureTokens.azureIdentity(masker), null, masker);
            DeployRequest request = AksDeployPlan.deployRequest(settings, access, here.provenance());
            return here.finish(here.workspace.act(new DeployOnAgent(new AksDeployWork(request, here.log()))));
        }
    }

    /** Carries {@link AksDeployWork} to the agent of the workspace and runs it there. */
    static final class DeployOnAgent extends MasterToSlaveFileCallable<DeliveryOutcome> {
        private static final long serialVersionUID = 1L;

        private final AksDeployWork work;

        DeployOnAgent(AksDeployWork work) {
            this.work = Objects.requireNonNull(work, "work");
        }

        @Override
        public DeliveryOutcome invoke(File workspace, VirtualChannel channel) {
            return work.run(workspace.toPath());
        }
    }

    @Extension
    @Symbol("aksDeploy")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "aksDeploy";
        }

        @Override
        public String getDisplayName() {
            return "Deploy manifests to a Kubernetes cluster and wait for the rollout";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            String cluster = text(namedArgs.get("clusterName"));
            return StepLabels.aksDeploy(StepValues.splitTags(text(namedArgs.get("images"))),
                    AksDeployPlan.splitManifests(text(namedArgs.get("manifests"))),
                    cluster != null ? cluster : text(namedArgs.get("context")), text(namedArgs.get("namespace")));
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        @POST
        public ListBoxModel doFillKubeconfigCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String kubeconfigCredentialsId) {
            return CredentialItems.list(item, kubeconfigCredentialsId, FileCredentials.class);
        }

        @POST
        public ListBoxModel doFillAzureCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String azureCredentialsId) {
            return CredentialItems.list(item, azureCredentialsId, AzureBaseCredentials.class);
        }

        @POST
        public FormValidation doCheckManifests(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, FieldCheck.manifests(value));
        }

        @POST
        public FormValidation doCheckImages(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, FieldCheck.images(value));
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, FieldCheck.timeout(value));
        }
    }
}
