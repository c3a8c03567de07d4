package org.jenkinsci.plugins.workflow.steps;

/** Stand-in of workflow-step-api's SynchronousNonBlockingStepExecution: run() runs on a thread of its own. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
        throw new UnsupportedOperationException("stand-in");
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }
}
