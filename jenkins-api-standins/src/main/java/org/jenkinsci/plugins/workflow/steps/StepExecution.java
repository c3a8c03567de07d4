package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stand-in of workflow-step-api's StepExecution. */
public abstract class StepExecution implements Serializable {

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("stand-in");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract boolean start() throws Exception;
}
