package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stand-in of workflow-step-api's Step. */
@SuppressWarnings("deprecation") // the real Step still extends it
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {

    public Step() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract StepExecution start(StepContext context) throws Exception;
}
