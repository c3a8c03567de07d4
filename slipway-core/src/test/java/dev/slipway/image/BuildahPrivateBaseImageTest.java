package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real buildah pulling its base image from a real registry that wants a password (htpasswd). */
@Tag("real-server")
class BuildahPrivateBaseImageTest {
    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer registry = RegistryServer.htpasswd();
    private static String base;

    @TempDir
    Path temp;
    private Path workspace;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final RecordingRunner runner = new RecordingRunner();
    private DockerfileBuild build;

    @BeforeAll
    static void publishTheBaseImage() {
        base = registry.hostPort() + "/private/base:latest";
        buildah.skopeo("copy", "--dest-tls-verify=false", "--dest-authfile", registry.writeAuthFile().toString(),
                "oci:" + buildah.baseImageOciLayout() + ":latest", "docker://" + base).requireSuccess();
    }

    @BeforeEach
    void workspace() throws Exception {
        workspace = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + base + "\nRUN echo pulled-with-credentials\n");
        Events engineEvents = Events.silent().subscribe(events::add);
        build = new DockerfileBuild(workspace, engineEvents, runner);
    }

    private BuildRequest.Builder request() {
        return BuildRequest.builder(ImageRef.parse(registry.hostPort() + "/private/app")).tag("1")
                .insecureRegistry(registry.hostPort());
    }

    @Test
    void withoutCredentialsTheBaseImageIsNamedWithTheRegistrysRefusal() {
        assertThatThrownBy(() -> build.run(request().build()))
                .isInstanceOfSatisfying(BaseImagePullException.class, failure -> assertThat(failure.baseImage()).isEqualTo(base))
                .hasMessageContaining("could not be pulled: ")
                .hasMessageContaining("authentication required");
    }

    @Test
    void anAuthFileInTheWorkspaceTempFolderPullsItWithoutItsPasswordShowing() throws Exception {
        Path auth = Files.createDirectories(temp.resolve("ws@tmp/secretFiles/9")).resolve("auth.json");
        Files.copy(registry.writeAuthFile(), auth, StandardCopyOption.REPLACE_EXISTING);
        String password = registry.credentials().orElseThrow().password();

        BuildResult result = build.run(request().pullAuthFile(auth.toString()).build());

        assertThat(result.image().digest()).isPresent();
        assertThat(events).anyMatch(event -> event.message().equals("pulled-with-credentials"));
        assertThat(events).noneMatch(event -> event.message().contains(password));
        assertThat(runner.everything()).contains("--authfile").doesNotContain(password)
                .doesNotContain(registry.credentials().orElseThrow().base64UserColonPassword());
    }
}
