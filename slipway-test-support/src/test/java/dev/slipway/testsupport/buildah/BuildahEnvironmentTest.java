package dev.slipway.testsupport.buildah;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real buildah, chroot isolation, private storage, builds from the local busybox base image. */
@Tag("real-server")
class BuildahEnvironmentTest {

    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer registry = RegistryServer.noAuth();

    @Test
    void buildsWithARunStepFromTheLocalBaseImageAndPushesTheResult() throws Exception {
        Path context = buildah.newFolder("context-");
        Files.writeString(context.resolve("Containerfile"), "FROM " + BuildahEnvironment.BASE_IMAGE + "\n"
                + "RUN echo built-by-run > /proof && uname -s\n");

        BuildahEnvironment.Result build = buildah.buildah("build", "--isolation", "chroot", "--pull=never",
                "-t", "localhost/app:1", context.toString());
        BuildahEnvironment.Result container = buildah.buildah("from", "--pull=never", "localhost/app:1");
        String name = container.requireSuccess().output().strip().lines().reduce((a, b) -> b).orElseThrow();
        BuildahEnvironment.Result proof = buildah.buildah("run", "--isolation", "chroot", name, "cat", "/proof");
        BuildahEnvironment.Result push = buildah.buildah("push", "--tls-verify=false", "localhost/app:1",
                "docker://" + registry.hostPort() + "/app:1");

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.output()).contains("Linux");
        assertThat(proof.requireSuccess().output()).contains("built-by-run");
        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(registry.logText()).contains("PUT /v2/app/manifests/1");
    }

    @Test
    void theBaseImageIsInPrivateStorageAndInAnOciLayout() {
        BuildahEnvironment.Result images = buildah.buildah("images", "--format", "{{.Name}}:{{.Tag}}");

        assertThat(images.requireSuccess().output()).contains(BuildahEnvironment.BASE_IMAGE);
        assertThat(buildah.environment().get("CONTAINERS_STORAGE_CONF")).doesNotStartWith("/etc");
        assertThat(buildah.baseImageOciLayout().resolve("index.json")).isRegularFile();
        BuildahEnvironment.Result inspect = buildah.skopeo("inspect",
                "oci:" + buildah.baseImageOciLayout() + ":latest");
        assertThat(inspect.requireSuccess().output()).contains("\"Architecture\"");
    }
}
