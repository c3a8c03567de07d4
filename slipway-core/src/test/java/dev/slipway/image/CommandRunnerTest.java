package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path temp;

    @Test
    void outputLinesAndTheExitCodeComeBackWithTheEnvironmentApplied() {
        List<String> lines = new CopyOnWriteArrayList<>();
        int exit = CommandRunner.system().run(new CommandRunner.Command(List.of("sh", "-c", "echo out; echo err >&2; echo $GREETING; exit 4"),
                Map.of("GREETING", "hello"), temp), lines::add);

        assertThat(exit).isEqualTo(4);
        assertThat(lines).containsExactlyInAnyOrder("out", "err", "hello");
    }

    @Test
    void anInterruptStopsTheProcessAndItsChildren() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<String> pid = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                CommandRunner.system().run(new CommandRunner.Command(List.of("sh", "-c", "sleep 300 & echo $!; wait"),
                        Map.of(), temp), line -> {
                            pid.set(line.strip());
                            started.countDown();
                        });
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        build.start();
        started.await();

        build.interrupt();
        build.join();

        assertThat(thrown.get()).hasMessageContaining("interrupted: stopped sh");
        assertThat(ProcessHandle.of(Long.parseLong(pid.get())).map(ProcessHandle::isAlive)).as("the child sleep")
                .isNotEqualTo(java.util.Optional.of(true));
    }
}
