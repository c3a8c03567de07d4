package io.jenkins.plugins.slipway.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryResults;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.Event;
import dev.slipway.support.Secret;
import dev.slipway.sync.WaitRequest;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.model.CredentialConversion;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import io.jenkins.plugins.slipway.model.GitOpsFieldChecks;
import io.jenkins.plugins.slipway.model.StepLabels;
import io.jenkins.plugins.slipway.model.StepValues;
import io.jenkins.plugins.slipway.model.WaitForSyncPlan;
import io.jenkins.plugins.slipway.model.WaitForSyncSettings;
import io.jenkins.plugins.slipway.model.WaitForSyncWork;
import io.jenkins.plugins.slipway.records.DeliveriesAction;
import io.jenkins.plugins.slipway.records.RunDeliveries;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.environments.StepEnvironment;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code waitForSync commit: r.commit, argoCdApplication: 'shop-prod', argoCdServer: '…', argoCdCredentialsId: '…'}:
 * wait until Argo CD (through its API) or Flux (through the commit statuses it posts on the Git host) shows the
 * GitOps commit, or a descendant, applied and healthy; with {@code pullRequest}, first until the pull request is
 * merged. Returns a map: {@code status}, {@code revision}, {@code commit}, {@code message}, {@code live}. Continues
 * the delivery record of the {@code gitopsUpdate} that made the commit in this run. Stopping the build stops the
 * wait.
 */
public final class WaitForSyncStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String commit;
    private String argoCdApplication;
    private String argoCdServer;
    private String argoCdCredentialsId;
    private String fluxObject;
    private String repository;
    private String branch;
    private String gitHost;
    private String gitApiUrl;
    private String gitCredentialsId;
    private String pullRequest;
    private String timeout;
    private String pollInterval;
    private boolean refresh;
    private String environment;

    @DataBoundConstructor
    public WaitForSyncStep(String commit) {
        this.commit = StepValues.text(commit);
    }

    public String getCommit() {
        return commit;
    }

    public String getArgoCdApplication() {
        return argoCdApplication;
    }

    @DataBoundSetter
    public void setArgoCdApplication(String argoCdApplication) {
        this.argoCdApplication = StepValues.text(argoCdApplication);
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

    public String getFluxObject() {
        return fluxObject;
    }

    @DataBoundSetter
    public void setFluxObject(String fluxObject) {
        this.fluxObject = StepValues.text(fluxObject);
    }

    public String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = StepValues.text(repository);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = StepValues.text(branch);
    }

    public String getGitHost() {
        return gitHost;
    }

    @DataBoundSetter
    public void setGitHost(String gitHost) {
        String value = StepValues.text(gitHost);
        this.gitHost = value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    public String getGitApiUrl() {
        return gitApiUrl;
    }

    @DataBoundSetter
    public void setGitApiUrl(String gitApiUrl) {
        this.gitApiUrl = StepValues.text(gitApiUrl);
    }

    public String getGitCredentialsId() {
        return gitCredentialsId;
    }

    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) {
        this.gitCredentialsId = StepValues.text(gitCredentialsId);
    }

    /** The pull request number as text ({@code gitopsUpdate} returns strings); blank for none. */
    public String getPullRequest() {
        return pullRequest;
    }

    @DataBoundSetter
    public void setPullRequest(String pullRequest) {
        this.pullRequest = StepValues.text(pullRequest);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = StepValues.text(timeout);
    }

    public String getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(String pollInterval) {
        this.pollInterval = StepValues.text(pollInterval);
    }

    public boolean getRefresh() {
        return refresh;
    }

    @DataBoundSetter
    public void setRefresh(boolean refresh) {
        this.refresh = refresh;
    }

    /** A Slipway environment: what to wait for, the Argo CD server and token, and the timeout when the step gives none. */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    /** The settings, with the named environment's values for what the step leaves out (after its access rule). */
    WaitForSyncSettings settings(String jobFullName) {
        if (environment == null) {
            return settings();
        }
        return StepEnvironment.forWait(SlipwayEnvironments.get().catalog(), environment, jobFullName, settings());
    }

    /** The settings as the plain model takes them. */
    public WaitForSyncSettings settings() {
        return new WaitForSyncSettings(commit, argoCdApplication, argoCdServer, argoCdCredentialsId, fluxObject,
                repository, branch, gitHost, gitApiUrl, gitCredentialsId, pullRequest, timeout, pollInterval, refresh);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Resolves the tokens on the controller, stores the record as "waiting", runs the wait on the workspace's agent
     * and stores how it ended. {@code stop} interrupts this thread; remoting interrupts the agent's thread, where the
     * engine ends the wait; the record then says it was stopped.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, String>> {

        private static final long serialVersionUID = 1L;

        private final WaitForSyncStep step;

        Execution(StepContext context, WaitForSyncStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, String> run() throws Exception {
            StepRun here = StepRun.of(getContext());
            WaitForSyncSettings settings = step.settings(here.jobName());
            CredentialConversion credentials = here.credentials();
            Secret argoCdToken = credentials.apiToken("argoCdCredentialsId", settings.argoCdCredentialsId());
            GitAuth gitAuth = credentials.gitAuth("gitCredentialsId", settings.gitCredentialsId(), null, false);
            WaitRequest request = WaitForSyncPlan.request(settings, argoCdToken, gitAuth);
            DeliveriesAction deliveries = here.run.getAction(DeliveriesAction.class);
            List<DeliveryRecord> records = deliveries == null ? List.of() : deliveries.getRecords();
            Optional<DeliveryRecord> update = RunDeliveries.updateFor(records, request.commit());
            String deliveryId = update.map(DeliveryRecord::id).orElseGet(() -> UUID.randomUUID().toString());
            DeliveryResults waiting = WaitForSyncWork.waiting(deliveryId, request);
            here.store(joined(update, waiting.recorder().snapshot()));
            DeliveryOutcome outcome;
            try {
                outcome = here.workspace.act(new WaitForSyncOnAgent(new WaitForSyncWork(request, deliveryId, here.log())));
            } catch (IOException | InterruptedException | RuntimeException lost) {
                waiting.failedUnreported(Event.Phase.WAIT, "stopped: " + lost.getClass().getSimpleName());
                here.store(joined(update, waiting.recorder().finish()));
                throw lost;
            }
            here.store(joined(update, outcome.record()));
            return outcome.resultOrThrow();
        }

        private static DeliveryRecord joined(Optional<DeliveryRecord> update, DeliveryRecord wait) {
            return update.map(previous -> RunDeliveries.continued(previous, wait)).orElse(wait);
        }
    }

    @Extension
    @Symbol("waitForSync")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "waitForSync";
        }

        @Override
        public String getDisplayName() {
            return "Wait until Argo CD or Flux has applied a GitOps commit";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepLabels.waitForSync(text(namedArgs.get("commit")), text(namedArgs.get("argoCdApplication")),
                    text(namedArgs.get("fluxObject")));
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        @POST
        public ListBoxModel doFillArgoCdCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String argoCdCredentialsId) {
            return CredentialItems.list(item, argoCdCredentialsId, StringCredentials.class);
        }

        @POST
        public ListBoxModel doFillGitCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String gitCredentialsId) {
            return CredentialItems.list(item, gitCredentialsId, StringCredentials.class,
                    StandardUsernamePasswordCredentials.class, SSHUserPrivateKey.class);
        }

        @POST
        public FormValidation doCheckCommit(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, GitOpsFieldChecks.commit(value));
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, GitOpsFieldChecks.duration("timeout", value));
        }

        @POST
        public FormValidation doCheckPollInterval(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, GitOpsFieldChecks.duration("pollInterval", value));
        }
    }
}
