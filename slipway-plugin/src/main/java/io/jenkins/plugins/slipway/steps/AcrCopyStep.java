package io.jenkins.plugins.slipway.steps;

import dev.slipway.image.ImageRef;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.environments.StepEnvironment;
import io.jenkins.plugins.slipway.proxy.JenkinsProxy;
import io.jenkins.plugins.slipway.proxy.ProxyMapper;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.model.AcrCopyPlan;
import io.jenkins.plugins.slipway.model.AcrCopySettings;
import io.jenkins.plugins.slipway.model.AcrCopyWork;
import io.jenkins.plugins.slipway.model.ControllerLogin;
import io.jenkins.plugins.slipway.model.CredentialConversion;
import io.jenkins.plugins.slipway.model.StepLabels;
import io.jenkins.plugins.slipway.model.StepValues;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
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
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.microsoft.azure.util.AzureBaseCredentials;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.model.FieldCheck;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code acrCopy source: img.image, target: 'prod.azurecr.io/shop/web', tags: '1.4'}: copy an image by digest to
 * another repository or registry, registry to registry, without rebuilding it. Returns a map: {@code image}
 * (target repository@digest), {@code digest} (the source's), {@code tags}. Each registry may have its own credential.
 */
public final class AcrCopyStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String target;
    private String tags;
    private String sourceCredentialsId;
    private String targetCredentialsId;
    private String environment;

    @DataBoundConstructor
    public AcrCopyStep(String source, String target) {
        this.source = StepValues.text(source);
        this.target = StepValues.text(target);
    }

    public String getSource() {
        return source;
    }

    public String getTarget() {
        return target;
    }

    /** Tags separated by commas, spaces or new lines. */
    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        List<String> list = StepValues.splitTags(tags);
        this.tags = list.isEmpty() ? null : String.join(" ", list);
    }

    public String getSourceCredentialsId() {
        return sourceCredentialsId;
    }

    @DataBoundSetter
    public void setSourceCredentialsId(String sourceCredentialsId) {
        this.sourceCredentialsId = StepValues.text(sourceCredentialsId);
    }

    public String getTargetCredentialsId() {
        return targetCredentialsId;
    }

    @DataBoundSetter
    public void setTargetCredentialsId(String targetCredentialsId) {
        this.targetCredentialsId = StepValues.text(targetCredentialsId);
    }

    /**
     * A Slipway environment: its registry goes in front of a target without one, its registry credential is the
     * target's when none is given.
     */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    /** The settings as the plain model takes them. */
    public AcrCopySettings settings() {
        return settings(target, targetCredentialsId);
    }

    /** The settings, with the named environment's registry and credential for the target (after its access rule). */
    AcrCopySettings settings(String jobFullName) {
        if (environment == null) {
            return settings();
        }
        StepEnvironment.RegistryTarget registry = StepEnvironment.forImage(SlipwayEnvironments.get().catalog(),
                environment, jobFullName, target, targetCredentialsId);
        return settings(registry.target(), registry.credentialsId());
    }

    private AcrCopySettings settings(String target, String targetCredentialsId) {
        return AcrCopySettings.of(source, target)
                .withTags(StepValues.splitTags(tags))
                .withSourceCredentialsId(sourceCredentialsId)
                .withTargetCredentialsId(targetCredentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Resolves credentials on the controller (Azure identities exchanged there), then copies from the agent. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, String>> {

        private static final long serialVersionUID = 1L;

        private final AcrCopyStep step;

        Execution(StepContext context, AcrCopyStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, String> run() throws Exception {
            StepRun here = StepRun.of(getContext());
            AcrCopySettings settings = step.settings(here.jobName());
            ImageRef source = AcrCopyPlan.source(settings);
            ImageRef target = AcrCopyPlan.target(settings);
            CredentialConversion credentials = here.credentials();
            RegistryTransport transport = RegistryTransport.defaults();
            NetworkSettings network = ProxyMapper.network(JenkinsProxy.current());
            Events events = here.events();
            Path controllerTemp = Path.of(System.getProperty("java.io.tmpdir"));
            RegistryAuth sourceAuth = ControllerLogin.forAgent(credentials.registryAuth("sourceCredentialsId",
                    settings.sourceCredentialsId()), source, transport, network, events, controllerTemp);
            RegistryAuth targetAuth = ControllerLogin.forAgent(credentials.registryAuth(
                    settings.targetCredentialsId() != null ? "targetCredentialsId" : "sourceCredentialsId",
                    settings.effectiveTargetCredentialsId()), target, transport, network, events, controllerTemp);
            CopyRequest request = AcrCopyPlan.copyRequest(settings, sourceAuth, targetAuth, transport);
            return here.finish(here.workspace.act(new CopyOnAgent(new AcrCopyWork(request, here.provenance(),
                    here.log()))));
        }
    }

    /** Carries {@link AcrCopyWork} to the agent of the workspace and runs it there. */
    static final class CopyOnAgent extends MasterToSlaveFileCallable<DeliveryOutcome> {
        private static final long serialVersionUID = 1L;

        private final AcrCopyWork work;

        CopyOnAgent(AcrCopyWork work) {
            this.work = Objects.requireNonNull(work, "work");
        }

        @Override
        public DeliveryOutcome invoke(File workspace, VirtualChannel channel) {
            return work.run(workspace.toPath());
        }
    }

    @Extension
    @Symbol("acrCopy")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "acrCopy";
        }

        @Override
        public String getDisplayName() {
            return "Copy an image by digest to another repository or registry";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object source = namedArgs.get("source");
            Object target = namedArgs.get("target");
            return StepLabels.acrCopy(source == null ? null : source.toString(),
                    target == null ? null : target.toString());
        }

        @POST
        public ListBoxModel doFillSourceCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String sourceCredentialsId) {
            return CredentialItems.list(item, sourceCredentialsId, AzureBaseCredentials.class,
                    StandardUsernamePasswordCredentials.class);
        }

        @POST
        public ListBoxModel doFillTargetCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String targetCredentialsId) {
            return CredentialItems.list(item, targetCredentialsId, AzureBaseCredentials.class,
                    StandardUsernamePasswordCredentials.class);
        }

        @POST
        public FormValidation doCheckSource(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, FieldCheck.copySource(value));
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.check(item, FieldCheck.copyTarget(value));
        }
    }
}
