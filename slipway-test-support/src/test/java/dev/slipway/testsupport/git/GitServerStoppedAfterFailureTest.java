package dev.slipway.testsupport.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

@Tag("server")
class GitServerStoppedAfterFailureTest {
    private static final String PROBE = "slipway.lifecycle-probe";

    @Test
    void theServerIsStoppedAndItsFolderDeletedWhenTestsFailOrAbort() {
        var results = EngineTestKit.engine("junit-jupiter").configurationParameter(PROBE, "true")
                .selectors(selectClass(FailingAndAbortedTests.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.started(2).failed(1).aborted(1));
        assertThat(FailingAndAbortedTests.pid).isPositive();
        assertThat(ProcessHandle.of(FailingAndAbortedTests.pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(FailingAndAbortedTests.folder)).isFalse();
    }

    /** Runs only through EngineTestKit above; when a test run selects it directly it is disabled. */
    @ExtendWith(OnlyAsProbe.class)
    static class FailingAndAbortedTests {
        @RegisterExtension
        static GitDaemonServer git = GitServer.daemon();
        static long pid;
        static Path folder;

        @Test
        void fails() {
            pid = git.pid();
            folder = git.directory();
            throw new AssertionError("planned failure");
        }

        @Test
        void aborts() {
            Assumptions.abort("planned abort");
        }
    }

    static class OnlyAsProbe implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PROBE).isPresent()
                    ? ConditionEvaluationResult.enabled("run by GitServerStoppedAfterFailureTest")
                    : ConditionEvaluationResult.disabled("a probe that only GitServerStoppedAfterFailureTest runs");
        }
    }
}
