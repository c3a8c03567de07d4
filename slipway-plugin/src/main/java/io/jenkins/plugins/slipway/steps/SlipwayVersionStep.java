package io.jenkins.plugins.slipway.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.SlipwayVersion;
import java.io.File;
import java.io.Serializable;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code slipwayVersion()}: the engine version, read on the agent of the enclosing {@code node} block. It proves the
 * whole path a real step takes: Pipeline finds the step, the execution looks up the workspace, and the engine's
 * classes and resources reach the agent through remote class loading.
 */
public final class SlipwayVersionStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public SlipwayVersionStep() {
        // no configuration
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        Execution(StepContext context) {
            super(context);
        }

        @Override
        protected String run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            return workspace.act(new VersionOnAgent());
        }
    }

    /** Runs on the agent: loads the engine's version resource there. */
    static final class VersionOnAgent extends MasterToSlaveFileCallable<String> {

        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File workspace, VirtualChannel channel) {
            return SlipwayVersion.current();
        }
    }

    @Extension
    @Symbol("slipwayVersion")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "slipwayVersion";
        }

        @Override
        public String getDisplayName() {
            return "Slipway engine version";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class);
        }
    }
}
