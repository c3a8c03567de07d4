package dev.slipway.testsupport.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("server")
class GitServerLifecycleTest {

    @Test
    void closeStopsTheServerByPidAndDeletesItsFolderWithTheKeys() {
        GitSshServer server = GitServer.ssh();
        server.start();
        long pid = server.pid();
        Path folder = server.directory();
        assertThat(Files.exists(server.privateKey())).isTrue();

        server.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(folder)).isFalse();
    }

    @Test
    void usingAServerThatIsNotStartedSaysHowToRegisterIt() {
        assertThatThrownBy(() -> GitServer.daemon().createRepo("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }

    @Test
    void aRepositoryNameWithASlashIsRejected() {
        try (GitDaemonServer server = GitServer.daemon()) {
            server.start();
            assertThatThrownBy(() -> server.createRepo("../escape"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("repository name '../escape'");
        }
    }
}
