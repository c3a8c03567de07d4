package io.jenkins.plugins.slipway.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.Event;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.Provenance;
import hudson.EnvVars;
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
import io.jenkins.plugins.slipway.model.GitOpsUpdatePlan;
import io.jenkins.plugins.slipway.model.GitOpsUpdateSettings;
import io.jenkins.plugins.slipway.model.GitOpsUpdateWork;
import io.jenkins.plugins.slipway.model.StepLabels;
import io.jenkins.plugins.slipway.model.StepValues;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.model.RecordedWork;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import dev.slipway.delivery.DeliveryResults;
import dev.slipway.delivery.DeliveryRecord;

/**
 * {@code gitopsUpdate repository: 'https://git.example.com/shop/gitops.git', image: img.image, path: 'apps/shop'}:
 * GitOps mode. Changes the image references in the repository, commits with the build's provenance as trailers and
 * pushes, or opens a pull request. Returns a map: {@code commit}, {@code prUrl}, {@code prNumber}, {@code changed},
 * {@code upToDate}, {@code deliveryId}. The Git credential is resolved on the controller and goes to the agent, where
 * the clone, commit and push run; the delivery record is attached to the run.
 */
public final class GitOpsUpdateStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String repository;
    private final String image;
    private String branch;
    private String path;
    private String pin;
    private String message;
    private String author;
    private String credentialsId;
    private String knownHosts;
    private boolean acceptNewHostKey;
    private boolean pullRequest;
    private String pullRequestHost;
    private String pullRequestApiUrl;
    private String pullRequestCredentialsId;
    private boolean allowDowngrade;
    private String environment;

    @DataBoundConstructor
    public GitOpsUpdateStep(String repository, String image) {
        this.repository = StepValues.text(repository);
        this.image = StepValues.text(image);
    }

    public String getRepository() {
        return repository;
    }

    public String getImage() {
        return image;
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = StepValues.text(branch);
    }

    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = StepValues.text(path);
    }

    /** {@code default}, {@code tag}, {@code digest} or {@code both}; stored lower case, {@code default} as blank. */
    public String getPin() {
        return pin;
    }

    @DataBoundSetter
    public void setPin(String pin) {
        String value = StepValues.text(pin);
        this.pin = value == null || value.equalsIgnoreCase("default") ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = StepValues.text(message);
    }

    public String getAuthor() {
        return author;
    }

    @DataBoundSetter
    public void setAuthor(String author) {
        this.author = StepValues.text(author);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepValues.text(credentialsId);
    }

    public String getKnownHosts() {
        return knownHosts;
    }

    @DataBoundSetter
    public void setKnownHosts(String knownHosts) {
        this.knownHosts = StepValues.text(knownHosts);
    }

    public boolean getAcceptNewHostKey() {
        return acceptNewHostKey;
    }

    @DataBoundSetter
    public void setAcceptNewHostKey(boolean acceptNewHostKey) {
        this.acceptNewHostKey = acceptNewHostKey;
    }

    public boolean getPullRequest() {
        return pullRequest;
    }

    @DataBoundSetter
    public void setPullRequest(boolean pullRequest) {
        this.pullRequest = pullRequest;
    }

    public String getPullRequestHost() {
        return pullRequestHost;
    }

    @DataBoundSetter
    public void setPullRequestHost(String pullRequestHost) {
        String value = StepValues.text(pullRequestHost);
        this.pullRequestHost = value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    public String getPullRequestApiUrl() {
        return pullRequestApiUrl;
    }

    @DataBoundSetter
    public void setPullRequestApiUrl(String pullRequestApiUrl) {
        this.pullRequestApiUrl = StepValues.text(pullRequestApiUrl);
    }

    public String getPullRequestCredentialsId() {
        return pullRequestCredentialsId;
    }

    @DataBoundSetter
    public void setPullRequestCredentialsId(String pullRequestCredentialsId) {
        this.pullRequestCredentialsId = StepValues.text(pullRequestCredentialsId);
    }

    public boolean getAllowDowngrade() {
        return allowDowngrade;
    }

    @DataBoundSetter
    public void setAllowDowngrade(boolean allowDowngrade) {
        this.allowDowngrade = allowDowngrade;
    }

    /** A Slipway environment: its GitOps repository, branch, path and Git credential when the step gives none. */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    /** The settings, with the named environment's values for what the step leaves out (after its access rule). */
    GitOpsUpdateSettings settings(String jobFullName) {
        if (environment == null) {
            return settings();
        }
        DeliverySettings merged = SlipwayEnvironments.get().catalog().resolve(environment, jobFullName,
                DeliverySettings.builder().gitRepository(repository).gitBranch(branch).gitPath(path)
                        .gitCredentialsId(credentialsId).build());
        return new GitOpsUpdateSettings(merged.gitRepository(), image, merged.gitBranch(), merged.gitPath(), pin,
                message, author, merged.gitCredentialsId(), knownHosts, acceptNewHostKey, pullRequest, pullRequestHost,
                pullRequestApiUrl, pullRequestCredentialsId, allowDowngrade);
    }

    /** The settings as the plain model takes them. */
    public GitOpsUpdateSettings settings() {
        return new GitOpsUpdateSettings(repository, image, branch, path, pin, message, author, credentialsId, knownHosts,
                acceptNewHostKey, pullRequest, pullRequestHost, pullRequestApiUrl, pullRequestCredentialsId,
                allowDowngrade);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Resolves credentials and provenance on the controller, runs the update on the workspace's agent, stores the
     * record (also of a failed update), then returns the result or fails with the engine's message. {@code stop}
     * interrupts the thread, which ends the remote call.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, String>> {

        private static final long serialVersionUID = 1L;

        private final GitOpsUpdateStep step;

        Execution(StepContext context, GitOpsUpdateStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, String> run() throws Exception {
            StepRun here = StepRun.of(getContext());
            GitOpsUpdateSettings settings = step.settings(here.jobName());
            CredentialConversion credentials = here.credentials();
            GitAuth auth = credentials.gitAuth("credentialsId", settings.credentialsId(), settings.knownHosts(),
                    settings.acceptNewHostKey());
            Secret pullRequestToken = credentials.apiToken("pullRequestCredentialsId", settings.pullRequestCredentialsId());
            Provenance provenance = here.provenance();
            GitOpsUpdateRequest request = GitOpsUpdatePlan.request(settings, auth, pullRequestToken, provenance);
            DeliveryOutcome outcome;
            try {
                outcome = here.workspace.act(new GitOpsUpdateOnAgent(new GitOpsUpdateWork(request,
                        provenance.deliveryId(), null, here.log())));
            } catch (IOException | InterruptedException | RuntimeException lost) {
                // the agent never answered (stopped, disconnected): record that the update did not finish
                DeliveryResults results = GitOpsUpdateWork.planned(RecordedWork.results(provenance.deliveryId(),
                        DeliveryRecord.Mode.GITOPS, provenance, new SecretMasker()), request);
                here.store(results.failedUnreported(Event.Phase.UPDATE, "stopped: " + lost.getClass().getSimpleName())
                        .recorder().finish());
                throw lost;
            }
            return here.finish(outcome);
        }
    }

    @Extension
    @Symbol("gitopsUpdate")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "gitopsUpdate";
        }

        @Override
        public String getDisplayName() {
            return "Update image references in a GitOps repository and commit";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepLabels.gitopsUpdate(text(namedArgs.get("image")), text(namedArgs.get("repository")),
                    text(namedArgs.get("branch")), text(namedArgs.get("path")),
                    Boolean.parseBoolean(text(namedArgs.get("pullRequest"))));
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.list(item, credentialsId, StandardUsernamePasswordCredentials.class,
                    StringCredentials.class, SSHUserPrivateKey.class);
        }

        @POST
        public ListBoxModel doFillPullRequestCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String pullRequestCredentialsId) {
            return CredentialItems.list(item, pullRequestCredentialsId, StringCredentials.class,
                    StandardUsernamePasswordCredentials.class);
        }

        @POST
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, GitOpsFieldChecks.repository(value));
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, GitOpsFieldChecks.image(value));
        }

        @POST
        public FormValidation doCheckPin(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, GitOpsFieldChecks.pin(value));
        }
    }
}
