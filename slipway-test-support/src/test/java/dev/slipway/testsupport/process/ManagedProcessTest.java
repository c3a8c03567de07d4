package dev.slipway.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @Test
    void startsWaitsForItsPortAndIsStoppedByPid(@TempDir Path dir) {
        int port = FreePorts.next();
        Path python = RequiredBinary.of("python3", "python3").require();
        ManagedProcess server = ManagedProcess.start("http", List.of(python.toString(), "-m", "http.server",
                "--bind", "127.0.0.1", String.valueOf(port)), dir, Map.of());
        server.awaitPort(port, Duration.ofSeconds(20));
        assertThat(server.isAlive()).isTrue();
        long pid = server.pid();

        server.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aProcessThatExitsEarlyFailsWithItsOutput(@TempDir Path dir) {
        ManagedProcess failing = ManagedProcess.start("failing",
                List.of("/bin/sh", "-c", "echo cannot bind; exit 3"), dir, Map.of());
        assertThatThrownBy(() -> failing.awaitPort(FreePorts.next(), Duration.ofSeconds(10)))
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("cannot bind");
    }

    @Test
    void aMissingBinaryNamesTheAptGetCommand() {
        assertThatThrownBy(() -> RequiredBinary.of("no-such-program-slipway", "no-such-package").require())
                .hasMessageContaining("apt-get install -y no-such-package");
    }
}
