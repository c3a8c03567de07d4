package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LoginFilesTest {
    private static final String CANARY = Canary.of("login-refresh-token");

    private final LoginFiles.AgentLogin login = new LoginFiles.AgentLogin("shop.azurecr.io",
            "00000000-0000-0000-0000-000000000000", Secret.of(CANARY));

    @Test
    void theLoginIsAPrivateDockerConfigNamedByBothVariables() throws Exception {
        LoginFiles.LoginFolder folder = LoginFiles.write(login);
        try {
            Path file = Path.of(folder.authFile());
            assertThat(folder.environment()).containsEntry("DOCKER_CONFIG", folder.folder())
                    .containsEntry("REGISTRY_AUTH_FILE", folder.authFile());
            assertThat(file.getParent()).isEqualTo(Path.of(folder.folder()));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
            String auth = Base64.getEncoder().encodeToString((login.username() + ":" + CANARY)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(file)).contains("\"shop.azurecr.io\"").contains(auth);
            assertThat(folder.toString()).doesNotContain(CANARY);
        } finally {
            LoginFiles.remove(folder);
        }
    }

    /**
     * What the tail callback does after a body that failed half-way: the body left files of its own (docker writes
     * into DOCKER_CONFIG) and a read-only one; everything goes, and a second removal (a resumed build) is harmless.
     */
    @Test
    void removalAfterAFailedBodyDeletesEverythingTheBodyLeftAndMayRunTwice() throws Exception {
        LoginFiles.LoginFolder folder = LoginFiles.write(login);
        Path dir = Path.of(folder.folder());

        assertThatThrownBy(() -> failingBody(dir)).isInstanceOf(IllegalStateException.class);
        LoginFiles.remove(folder);

        assertThat(dir).doesNotExist();
        LoginFiles.remove(folder);
        assertThat(dir).doesNotExist();
    }

    private static void failingBody(Path dockerConfig) throws Exception {
        Files.writeString(Files.createDirectories(dockerConfig.resolve("buildx")).resolve("current"), "x");
        Path readOnly = Files.writeString(dockerConfig.resolve("read-only"), "x");
        readOnly.toFile().setWritable(false);
        throw new IllegalStateException("the body failed");
    }
}
