package org.jenkinsci.plugins.workflow.steps;

/** Stand-in of workflow-step-api's BodyInvoker. */
public abstract class BodyInvoker {

    public BodyInvoker() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract BodyInvoker withContext(Object override);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();
}
