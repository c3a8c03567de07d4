package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stand-in of workflow-step-api's BodyExecutionCallback. */
public abstract class BodyExecutionCallback implements Serializable {

    public BodyExecutionCallback() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);
}
