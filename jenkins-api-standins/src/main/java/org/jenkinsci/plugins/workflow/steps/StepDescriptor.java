package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Stand-in of workflow-step-api's StepDescriptor. */
public abstract class StepDescriptor extends Descriptor<Step> {

    public StepDescriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
