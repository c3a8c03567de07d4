package org.jenkinsci.plugins.workflow.steps;

/** Stand-in of workflow-step-api's GeneralNonBlockingStepExecution: run(Block) runs the block on a thread of its own. */
public abstract class GeneralNonBlockingStepExecution extends StepExecution {

    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
        throw new UnsupportedOperationException("stand-in");
    }

    protected final void run(Block block) {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of GeneralNonBlockingStepExecution.Block. */
    @FunctionalInterface
    protected interface Block {
        void run() throws Exception;
    }
}
