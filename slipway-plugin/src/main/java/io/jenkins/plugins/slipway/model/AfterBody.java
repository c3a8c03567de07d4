package io.jenkins.plugins.slipway.model;

/**
 * What a block step does when its body ends: clean up first, then report the body's outcome. A body that failed
 * stays failed, with a cleanup failure attached as suppressed; a body that succeeded fails if the cleanup fails (a
 * credential left on an agent is not a success). The same contract as workflow-step-api's
 * {@code GeneralNonBlockingStepExecution.TailCall}, in plain code so the failure path is tested here.
 */
public final class AfterBody {
    private AfterBody() {
    }

    /** The cleanup; it may throw. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws Exception;
    }

    /** Where the outcome goes (the step context in Jenkins). */
    public interface Outcome {
        void success(Object result);

        void failure(Throwable failure);
    }

    public static void succeeded(Object result, Cleanup cleanup, Outcome outcome) {
        try {
            cleanup.run();
        } catch (Exception x) {
            outcome.failure(x);
            return;
        }
        outcome.success(result);
    }

    public static void failed(Throwable bodyFailure, Cleanup cleanup, Outcome outcome) {
        try {
            cleanup.run();
        } catch (Exception x) {
            bodyFailure.addSuppressed(x);
        }
        outcome.failure(bodyFailure);
    }
}
