package io.jenkins.plugins.slipway.steps;

import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.Kubeconfigs;
import dev.slipway.support.SecretMasker;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.ClusterSettings;
import io.jenkins.plugins.slipway.model.ControllerClusterLogin;
import io.jenkins.plugins.slipway.model.KubeconfigFiles;
import io.jenkins.plugins.slipway.model.StepLabels;
import io.jenkins.plugins.slipway.model.StepValues;
import java.io.File;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.environments.StepEnvironment;
import com.microsoft.azure.util.AzureBaseCredentials;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * {@code withAks(clusterName: 'aks-prod', …) { sh 'kubectl get pods' }}: cluster access for the body's own tools.
 * The controller resolves the credential (for AKS it fetches the cluster's short-lived credentials through Azure
 * Resource Manager); the agent writes a private kubeconfig named by {@code KUBECONFIG}; the body's callback deletes it
 * when the body ends, also when it fails.
 */
public final class WithAksStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private String kubeconfigCredentialsId;
    private String azureCredentialsId;
    private String environment;
    private String subscriptionId;
    private String resourceGroup;
    private String clusterName;
    private boolean admin;

    @DataBoundConstructor
    public WithAksStep() {
        // every value is optional on its own; which ones are needed depends on how the cluster is reached
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

    public boolean getAdmin() {
        return admin;
    }

    @DataBoundSetter
    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    /** The cluster access as the plain model takes it. */
    public ClusterSettings cluster() {
        return new ClusterSettings(kubeconfigCredentialsId, null, azureCredentialsId, subscriptionId, resourceGroup,
                clusterName, admin);
    }

    /** A Slipway environment: its cluster when the step names none. */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    /** The cluster access, the named environment's when the step names none (after its access rule). */
    ClusterSettings cluster(String jobFullName) {
        if (environment == null) {
            return cluster();
        }
        return StepEnvironment.forCluster(SlipwayEnvironments.get().catalog(), environment, jobFullName, cluster(), null)
                .cluster();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends BodyWithAgentFilesExecution {

        private static final long serialVersionUID = 1L;

        private final WithAksStep step;

        Execution(StepContext context, WithAksStep step) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() {
            run(this::login);
            return false;
        }

        private void login() throws Exception {
            StepRun here = StepRun.of(getContext());
            ClusterSettings cluster = step.cluster(here.jobName()).validated();
            SecretMasker masker = new SecretMasker();
            ClusterAccess.Kubeconfig access = ControllerClusterLogin.forAgent(cluster, here.credentials(),
                    Kubeconfigs.AzureTokens.azureIdentity(masker), null, masker);
            KubeconfigFiles.KubeconfigFolder folder = here.workspace.act(new WriteKubeconfig(
                    new KubeconfigFiles.AgentKubeconfig(access.content())));
            startBody(folder.environment(), new DeleteKubeconfig(folder));
        }
    }

    /** Writes the kubeconfig in a private folder next to the workspace ({@code <workspace>@tmp}, Jenkins' own place). */
    static final class WriteKubeconfig extends MasterToSlaveFileCallable<KubeconfigFiles.KubeconfigFolder> {
        private static final long serialVersionUID = 1L;

        private final KubeconfigFiles.AgentKubeconfig kubeconfig;

        WriteKubeconfig(KubeconfigFiles.AgentKubeconfig kubeconfig) {
            this.kubeconfig = kubeconfig;
        }

        @Override
        public KubeconfigFiles.KubeconfigFolder invoke(File workspace, VirtualChannel channel) {
            return KubeconfigFiles.write(kubeconfig, KubeconfigFiles.temporaryFolderOf(workspace.toPath()));
        }
    }

    static final class DeleteKubeconfig extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        private final KubeconfigFiles.KubeconfigFolder folder;

        DeleteKubeconfig(KubeconfigFiles.KubeconfigFolder folder) {
            this.folder = folder;
        }

        @Override
        public Void invoke(File workspace, VirtualChannel channel) {
            KubeconfigFiles.remove(folder);
            return null;
        }
    }

    @Extension
    @Symbol("withAks")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "withAks";
        }

        @Override
        public String getDisplayName() {
            return "Kubernetes cluster access for the tools in the block";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object cluster = namedArgs.get("clusterName");
            return StepLabels.withAks(cluster == null ? null : cluster.toString(), null);
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
    }
}
