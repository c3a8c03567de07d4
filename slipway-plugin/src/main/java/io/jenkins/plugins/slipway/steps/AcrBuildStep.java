package io.jenkins.plugins.slipway.steps;

import dev.slipway.image.BuildRequest;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.environments.StepEnvironment;
import io.jenkins.plugins.slipway.model.AcrBuildPlan;
import io.jenkins.plugins.slipway.model.AcrBuildSettings;
import io.jenkins.plugins.slipway.model.AcrBuildWork;
import io.jenkins.plugins.slipway.model.ControllerLogin;
import io.jenkins.plugins.slipway.model.CredentialConversion;
import io.jenkins.plugins.slipway.model.StepLabels;
import io.jenkins.plugins.slipway.model.StepValues;
import dev.slipway.support.NetworkSettings;
import io.jenkins.plugins.slipway.proxy.JenkinsProxy;
import io.jenkins.plugins.slipway.proxy.ProxyMapper;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code acrBuild image: 'shop.azurecr.io/shop/web', tags: '1.4 latest'}: build a Dockerfile on the agent and push
 * the image by digest, then its tags. Returns a map: {@code image} (repository@digest), {@code digest}, {@code tags}.
 * The step holds configuration and credential ids only; the execution resolves credentials on the controller.
 */
public final class AcrBuildStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String image;
    private String dockerfile;
    private String context;
    private String tags;
    private String buildArgs;
    private String labels;
    private String target;
    private String platform;
    private String secrets;
    private String credentialsId;
    private String environment;

    @DataBoundConstructor
    public AcrBuildStep(String image) {
        this.image = StepValues.text(image);
    }

    public String getImage() {
        return image;
    }

    public String getDockerfile() {
        return dockerfile;
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = StepValues.text(dockerfile);
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = StepValues.text(context);
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

    /** {@code NAME=value} per line. */
    public String getBuildArgs() {
        return buildArgs;
    }

    @DataBoundSetter
    public void setBuildArgs(String buildArgs) {
        StepValues.pairs("buildArgs", buildArgs);
        this.buildArgs = StepValues.text(buildArgs);
    }

    /** {@code name=value} per line. */
    public String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        StepValues.pairs("labels", labels);
        this.labels = StepValues.text(labels);
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = StepValues.text(target);
    }

    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = StepValues.text(platform);
    }

    /** {@code secretId=credentialsId} per line: build secrets from secret text credentials. */
    public String getSecrets() {
        return secrets;
    }

    @DataBoundSetter
    public void setSecrets(String secrets) {
        StepValues.pairs("secrets", secrets);
        this.secrets = StepValues.text(secrets);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepValues.text(credentialsId);
    }

    /** A Slipway environment: its registry goes in front of an image without one, its credential when none is given. */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    /** The settings as the plain model takes them. */
    public AcrBuildSettings settings() {
        return settings(image, credentialsId);
    }

    /** The settings, with the named environment's registry and credential for what the step leaves out. */
    AcrBuildSettings settings(String jobFullName) {
        if (environment == null) {
            return settings();
        }
        StepEnvironment.RegistryTarget target = StepEnvironment.forImage(SlipwayEnvironments.get().catalog(),
                environment, jobFullName, image, credentialsId);
        return settings(target.target(), target.credentialsId());
    }

    private AcrBuildSettings settings(String image, String credentialsId) {
        return AcrBuildSettings.of(image)
                .withDockerfile(dockerfile)
                .withContext(context)
                .withTags(StepValues.splitTags(tags))
                .withBuildArgs(StepValues.pairs("buildArgs", buildArgs))
                .withLabels(StepValues.pairs("labels", labels))
                .withTarget(target)
                .withPlatform(platform)
                .withSecrets(StepValues.pairs("secrets", secrets))
                .withCredentialsId(credentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Resolves context and credentials on the controller, then runs the work on the workspace's agent. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, String>> {

        private static final long serialVersionUID = 1L;

        private final AcrBuildStep step;

        Execution(StepContext context, AcrBuildStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, String> run() throws Exception {
            StepRun here = StepRun.of(getContext());
            AcrBuildSettings settings = step.settings(here.jobName());
            CredentialConversion credentials = here.credentials();
            List<BuildRequest.BuildSecret> secrets = new ArrayList<>();
            settings.secrets().forEach((id, credentialsId) -> secrets.add(credentials.buildSecret("secrets", id,
                    credentialsId)));
            // Jenkins' proxy for every connection, except to its "no proxy" hosts
            NetworkSettings network = ProxyMapper.network(JenkinsProxy.current());
            RegistryTransport transport = RegistryTransport.defaults();
            BuildRequest request = AcrBuildPlan.buildRequest(settings, secrets, transport);
            RegistryAuth auth = ControllerLogin.forAgent(credentials.registryAuth("credentialsId",
                    settings.credentialsId()), request.image(), transport, network, here.events(),
                    Path.of(System.getProperty("java.io.tmpdir")));
            return here.finish(here.workspace.act(new AcrBuildOnAgent(new AcrBuildWork(request, auth, transport, network,
                    here.log()), here.provenance())));
        }
    }

    @Extension
    @Symbol("acrBuild")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "acrBuild";
        }

        @Override
        public String getDisplayName() {
            return "Build an image and push it to a registry";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object image = namedArgs.get("image");
            Object tags = namedArgs.get("tags");
            return StepLabels.acrBuild(image == null ? null : image.toString(),
                    StepValues.splitTags(tags == null ? null : tags.toString()));
        }
    }
}
