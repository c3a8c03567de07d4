package dev.slipway.testsupport.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The registry extension stops its process by PID and removes its folder even when tests fail or abort. */
@Tag("real-server")
class RegistryServerLifecycleTest {

    @Test
    void registryIsStoppedAndItsFolderRemovedAfterAFailedAndAnAbortedTest() {
        ClassWithFailingTests.pids.clear();
        ClassWithFailingTests.dataDirs.clear();

        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ClassWithFailingTests.class))
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(2).failed(1).aborted(1));
        assertThat(ClassWithFailingTests.pids).hasSize(2).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(ClassWithFailingTests.dataDirs).allSatisfy(dir -> assertThat(dir.getParent()).doesNotExist());
    }

    /** Run only through the test kit above (surefire skips nested classes). */
    static class ClassWithFailingTests {
        static final List<Long> pids = new ArrayList<>();
        static final List<Path> dataDirs = new ArrayList<>();

        @RegisterExtension
        static RegistryServer registry = RegistryServer.noAuth();

        @Test
        void fails() {
            pids.add(registry.pid());
            dataDirs.add(registry.dataDir());
            throw new AssertionError("failing on purpose");
        }

        @Test
        void aborts() {
            pids.add(registry.pid());
            dataDirs.add(registry.dataDir());
            Assumptions.abort("aborting on purpose");
        }
    }
}
