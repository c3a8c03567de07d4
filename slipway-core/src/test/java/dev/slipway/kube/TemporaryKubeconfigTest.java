package dev.slipway.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryKubeconfigTest {
    @TempDir
    Path folder;

    @Test
    void isOwnerOnlyAndGoneAfterTheBlockEvenWhenTheBlockFails() throws IOException {
        Path[] written = new Path[1];

        assertThatThrownBy(() -> {
            try (TemporaryKubeconfig kubeconfig = TemporaryKubeconfig.write(folder, Secret.of("apiVersion: v1\n"))) {
                written[0] = kubeconfig.path();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig.path()))).isEqualTo("rw-------");
                assertThat(Files.readString(kubeconfig.path())).isEqualTo("apiVersion: v1\n");
                throw new IllegalStateException("the user's kubectl failed");
            }
        }).hasMessage("the user's kubectl failed");

        assertThat(written[0]).doesNotExist();
        try (var left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }
}
