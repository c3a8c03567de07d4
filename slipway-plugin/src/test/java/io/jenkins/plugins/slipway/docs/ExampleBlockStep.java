package io.jenkins.plugins.slipway.docs;

import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that exists only for StepsReferenceTest: a new class the generator must pick up without being told (never
 * instantiated: the stand-in Step's constructor throws). Not an {@code @Extension}, so no index lists it.
 */
public final class ExampleBlockStep extends Step {
    @DataBoundConstructor
    public ExampleBlockStep(String cluster, int replicas) {
    }

    @DataBoundSetter
    public void setNamespaces(List<String> namespaces) {
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
    }

    @Override
    public StepExecution start(StepContext context) {
        throw new UnsupportedOperationException("never run");
    }

    @Symbol("exampleBlock")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of();
        }

        @Override
        public String getFunctionName() {
            return "exampleBlock";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
