package io.jenkins.plugins.slipway.steps;

import dev.slipway.delivery.EngineContext;
import dev.slipway.registry.RegistryLogin;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.environments.SlipwayEnvironments;
import io.jenkins.plugins.slipway.environments.StepEnvironment;
import io.jenkins.plugins.slipway.model.LoginFiles;
import io.jenkins.plugins.slipway.model.StepLabels;
import io.jenkins.plugins.slipway.model.StepValues;
import io.jenkins.plugins.slipway.proxy.JenkinsProxy;
import io.jenkins.plugins.slipway.proxy.ProxyMapper;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
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

/**
 * {@code withAcr(registry: 'shop.azurecr.io', credentialsId: 'acr') { sh 'buildah push …' }}: a registry login for
 * the body's own tools. The controller resolves the credential (an Azure identity is exchanged there for an ACR
 * refresh token); the agent writes a private Docker config named by {@code DOCKER_CONFIG} and
 * {@code REGISTRY_AUTH_FILE}; the body's callback deletes it when the body ends, also when it fails.
 */
public final class WithAcrStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String registry;
    private String credentialsId;
    private String environment;

    @DataBoundConstructor
    public WithAcrStep(String registry) {
        this.registry = StepValues.text(registry);
    }

    public String getRegistry() {
        return registry;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepValues.text(credentialsId);
    }

    /** A Slipway environment: its registry and credential when the step gives none. */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = StepValues.text(environment);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends BodyWithAgentFilesExecution {

        private static final long serialVersionUID = 1L;

        private final WithAcrStep step;

        Execution(StepContext context, WithAcrStep step) {
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
            String registry = step.registry;
            String credentialsId = step.credentialsId;
            if (step.environment != null) {
                StepEnvironment.RegistryTarget target = StepEnvironment.forRegistry(SlipwayEnvironments.get().catalog(),
                        step.environment, here.jobName(), registry, credentialsId);
                registry = target.target();
                credentialsId = target.credentialsId();
            }
            if (registry == null) {
                throw new InvalidInputException("registry", "is empty", "give the registry host, e.g. shop.azurecr.io");
            }
            if (credentialsId == null) {
                throw new InvalidInputException("credentialsId", "is empty",
                        "give the id of an Azure or username/password credential");
            }
            RegistryLogin.LoginCredentials credentials = new RegistryLogin(new EngineContext(
                    Path.of(System.getProperty("java.io.tmpdir")), here.events()).withNetwork(ProxyMapper.network(JenkinsProxy.current())))
                    .credentials(registry, here.credentials().registryAuth("credentialsId", credentialsId),
                            RegistryTransport.defaults());
            LoginFiles.LoginFolder folder = here.workspace.act(new WriteLogin(LoginFiles.AgentLogin.of(credentials)));
            startBody(folder.environment(), new DeleteLogin(folder));
        }
    }

    static final class WriteLogin extends MasterToSlaveFileCallable<LoginFiles.LoginFolder> {
        private static final long serialVersionUID = 1L;

        private final LoginFiles.AgentLogin login;

        WriteLogin(LoginFiles.AgentLogin login) {
            this.login = login;
        }

        @Override
        public LoginFiles.LoginFolder invoke(File workspace, VirtualChannel channel) {
            return LoginFiles.write(login);
        }
    }

    static final class DeleteLogin extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        private final LoginFiles.LoginFolder folder;

        DeleteLogin(LoginFiles.LoginFolder folder) {
            this.folder = folder;
        }

        @Override
        public Void invoke(File workspace, VirtualChannel channel) {
            LoginFiles.remove(folder);
            return null;
        }
    }

    @Extension
    @Symbol("withAcr")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "withAcr";
        }

        @Override
        public String getDisplayName() {
            return "Log in to a container registry for the tools in the block";
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
            Object registry = namedArgs.get("registry");
            return StepLabels.withAcr(registry == null ? null : registry.toString());
        }
    }
}
