package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AfterBodyTest {
    private final List<String> steps = new ArrayList<>();
    private Object succeededWith;
    private Throwable failedWith;

    private final AfterBody.Outcome outcome = new AfterBody.Outcome() {
        @Override
        public void success(Object result) {
            steps.add("success");
            succeededWith = result;
        }

        @Override
        public void failure(Throwable failure) {
            steps.add("failure");
            failedWith = failure;
        }
    };

    @Test
    void aFailedBodyIsCleanedUpFirstAndStaysFailed() {
        IllegalStateException bodyFailure = new IllegalStateException("sh: exit 1");

        AfterBody.failed(bodyFailure, () -> steps.add("cleanup"), outcome);

        assertThat(steps).containsExactly("cleanup", "failure");
        assertThat(failedWith).isSameAs(bodyFailure);
        assertThat(bodyFailure.getSuppressed()).isEmpty();
    }

    @Test
    void aCleanupThatFailsAfterAFailedBodyIsAttachedToTheBodysFailure() {
        IllegalStateException bodyFailure = new IllegalStateException("sh: exit 1");
        IllegalStateException cleanupFailure = new IllegalStateException("agent offline");

        AfterBody.failed(bodyFailure, () -> {
            throw cleanupFailure;
        }, outcome);

        assertThat(failedWith).isSameAs(bodyFailure);
        assertThat(bodyFailure.getSuppressed()).containsExactly(cleanupFailure);
    }

    @Test
    void aSucceededBodyIsCleanedUpThenSucceedsWithItsResult() {
        AfterBody.succeeded("result", () -> steps.add("cleanup"), outcome);

        assertThat(steps).containsExactly("cleanup", "success");
        assertThat(succeededWith).isEqualTo("result");
    }

    @Test
    void aCleanupThatFailsTurnsASucceededBodyIntoAFailure() {
        IllegalStateException cleanupFailure = new IllegalStateException("cannot delete");

        AfterBody.succeeded("result", () -> {
            throw cleanupFailure;
        }, outcome);

        assertThat(steps).containsExactly("failure");
        assertThat(failedWith).isSameAs(cleanupFailure);
    }
}
