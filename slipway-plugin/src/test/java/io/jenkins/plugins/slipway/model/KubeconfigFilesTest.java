package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code withAks}'s kubeconfig on the agent: private while the body runs, gone when it ends, also on failure. */
class KubeconfigFilesTest {
    private static final String CANARY = Canary.of("kubeconfig-token");
    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: "
            + CANARY + "\n";

    @TempDir
    Path agent;

    @Test
    void theKubeconfigIsPrivateNamedByKubeconfigAndNextToTheWorkspace() throws Exception {
        Path workspace = Files.createDirectories(agent.resolve("workspace/shop"));
        Path parent = KubeconfigFiles.temporaryFolderOf(workspace);

        KubeconfigFiles.KubeconfigFolder written = KubeconfigFiles.write(
                new KubeconfigFiles.AgentKubeconfig(Secret.of(KUBECONFIG)), parent);

        Path file = Path.of(written.file());
        assertThat(parent).isEqualTo(agent.resolve("workspace/shop@tmp"));
        assertThat(file).startsWith(parent).hasContent(KUBECONFIG);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(written.folder()))))
                .isEqualTo("rwx------");
        assertThat(written.environment()).containsExactly(java.util.Map.entry("KUBECONFIG", written.file()));
        assertThat(written.toString()).doesNotContain(CANARY);
        try (var files = Files.list(workspace)) {
            assertThat(files).as("nothing in the workspace itself").isEmpty();
        }
    }

    @Test
    void whenTheBodyFailsTheKubeconfigIsRemovedAndTheBodysFailureReported() throws Exception {
        KubeconfigFiles.KubeconfigFolder written = KubeconfigFiles.write(
                new KubeconfigFiles.AgentKubeconfig(Secret.of(KUBECONFIG)), agent);
        Files.writeString(Path.of(written.folder()).resolve("cache"), "kubectl added this");
        IllegalStateException bodyFailure = new IllegalStateException("kubectl apply failed");
        List<Throwable> failures = new ArrayList<>();

        AfterBody.failed(bodyFailure, () -> KubeconfigFiles.remove(written), new AfterBody.Outcome() {
            @Override
            public void success(Object result) {
                throw new AssertionError("a failed body must not succeed");
            }

            @Override
            public void failure(Throwable failure) {
                failures.add(failure);
            }
        });

        assertThat(Path.of(written.folder())).doesNotExist();
        assertThat(failures).containsExactly(bodyFailure);
        assertThat(bodyFailure.getSuppressed()).isEmpty();
    }

    @Test
    void removingTwiceIsFineAfterAResumedBuild() {
        KubeconfigFiles.KubeconfigFolder written = KubeconfigFiles.write(
                new KubeconfigFiles.AgentKubeconfig(Secret.of(KUBECONFIG)), agent);

        KubeconfigFiles.remove(written);
        KubeconfigFiles.remove(written);

        assertThat(Path.of(written.folder())).doesNotExist();
    }
}
