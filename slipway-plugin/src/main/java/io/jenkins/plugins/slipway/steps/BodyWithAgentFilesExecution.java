package io.jenkins.plugins.slipway.steps;

import hudson.FilePath;
import io.jenkins.plugins.slipway.model.AfterBody;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A block step that writes private files on the agent for its body (withAcr's registry login, withAks' kubeconfig):
 * the body runs with their environment, and when it ends, successfully or not, they are removed on the agent, on a
 * thread of its own (agent I/O must not run on the Pipeline thread), before the body's outcome is reported
 * ({@link AfterBody}).
 */
abstract class BodyWithAgentFilesExecution extends GeneralNonBlockingStepExecution {
    private static final long serialVersionUID = 1L;

    BodyWithAgentFilesExecution(StepContext context) {
        super(context);
    }

    /** Starts the body with {@code environment} added to the step's; {@code removal} runs on the agent after it. */
    final void startBody(Map<String, String> environment, MasterToSlaveFileCallable<Void> removal) throws Exception {
        EnvironmentExpander expander = EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class),
                EnvironmentExpander.constant(environment));
        getContext().newBodyInvoker().withContext(expander).withCallback(new RemoveAfterBody(removal)).start();
    }

    private final class RemoveAfterBody extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        private final MasterToSlaveFileCallable<Void> removal;

        RemoveAfterBody(MasterToSlaveFileCallable<Void> removal) {
            this.removal = removal;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            run(() -> AfterBody.succeeded(result, () -> remove(context), outcome(context)));
        }

        @Override
        public void onFailure(StepContext context, Throwable failure) {
            run(() -> AfterBody.failed(failure, () -> remove(context), outcome(context)));
        }

        private void remove(StepContext context) throws Exception {
            context.get(FilePath.class).act(removal);
        }
    }

    private static AfterBody.Outcome outcome(StepContext context) {
        return new AfterBody.Outcome() {
            @Override
            public void success(Object result) {
                context.onSuccess(result);
            }

            @Override
            public void failure(Throwable failure) {
                context.onFailure(failure);
            }
        };
    }
}
