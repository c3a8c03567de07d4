package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.docker.DockerDaemon;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker driver against a real, private {@code dockerd} ({@link DockerDaemon}: no host network changes, own
 * roots, stopped by PID). Runs only where {@code dockerd} is installed (Debian: docker.io); elsewhere JUnit reports
 * it as skipped with that reason. The same inputs as {@link BuildahBuildTest}.
 */
@Tag("docker-daemon")
@EnabledIf(value = "dockerdInstalled", disabledReason = "no dockerd on this machine (apt-get install docker.io)")
class DockerDaemonBuildTest {
    private static final String CANARY = Canary.of("docker-secret");

    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer registry = RegistryServer.noAuth();
    private static DockerDaemon daemon;
    private static final String BASE = "localhost/slipway-base:latest";

    @TempDir
    Path temp;
    private Path workspace;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final RecordingRunner runner = new RecordingRunner();
    private DockerfileBuild build;

    static boolean dockerdInstalled() {
        return DockerDaemon.installedDaemon().isPresent();
    }

    @BeforeAll
    static void startTheDaemonWithTheBaseImage() {
        daemon = DockerDaemon.start();
        Path archive = buildah.newFolder("archive-").resolve("base.tar");
        buildah.skopeo("copy", "oci:" + buildah.baseImageOciLayout() + ":latest", "docker-archive:" + archive + ":" + BASE)
                .requireSuccess();
        daemon.docker("load", "--input", archive.toString()).requireSuccess();
    }

    @AfterAll
    static void stopTheDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @BeforeEach
    void workspace() throws Exception {
        workspace = Files.createDirectories(temp.resolve("ws"));
        Events engineEvents = Events.silent().subscribe(events::add);
        build = new DockerfileBuild(workspace, engineEvents, driver -> new DockerDriver(daemon.client(),
                runner.refusingSecretsIn(engineEvents.masker()), engineEvents, daemon.environment(), "none"));
    }

    @Test
    void buildsWithARunStepASecretMountAndLabelsIntoALayoutThatSkopeoPushesByDigest() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + BASE + "\n"
                + "COPY kept.txt /app/\n"
                + "RUN --mount=type=secret,id=token wc -c < /run/secrets/token > /app/token-length\n");
        Files.writeString(workspace.resolve("kept.txt"), "kept\n");

        BuildResult result = build.run(BuildRequest.builder(ImageRef.parse(registry.hostPort() + "/shop/web"))
                .tag("{buildNumber}")
                .label("com.example.team", "shop")
                .secret(BuildRequest.BuildSecret.ofValue("token", Secret.of(CANARY)))
                .outputLayout("out/layout")
                .provenance(new Provenance("https://git.example/shop.git", "a".repeat(40), "main", null, 7L, "d"))
                .build());

        Path layout = workspace.resolve("out/layout");
        assertThat(result.driver()).isEqualTo(BuildRequest.Driver.DOCKER);
        assertThat(result.tags()).containsExactly("7");
        assertThat(LayoutContents.config(layout).path("config").path("Labels").path("org.opencontainers.image.revision")
                .asText()).isEqualTo("a".repeat(40));
        Path files = LayoutContents.unpack(layout, temp.resolve("unpacked"));
        assertThat(files.resolve("app/token-length")).hasContent(String.valueOf(CANARY.length()));
        assertThat(LayoutContents.allBytes(layout)).noneMatch(bytes -> LayoutContents.contains(bytes, CANARY));
        assertThat(events).noneMatch(event -> event.message().contains(CANARY));
        assertThat(runner.everything()).doesNotContain(CANARY);

        String pushed = registry.hostPort() + "/shop/web:7";
        buildah.skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":7", "docker://" + pushed).requireSuccess();
        String digest = buildah.skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + pushed)
                .requireSuccess().output().strip();
        assertThat(result.image().digest()).map(Digest::toString).hasValue(digest);
    }

    @Test
    void aFailingRunStepShowsItsOutputAndExitCode() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + BASE + "\nRUN echo about-to-fail && exit 3\n");

        assertThatThrownBy(() -> build.run(BuildRequest.builder(ImageRef.parse("example.test/shop/web")).build()))
                .isInstanceOfSatisfying(BuildFailedException.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(3);
                    assertThat(failure.step()).isEqualTo("RUN echo about-to-fail && exit 3");
                })
                .hasMessageContaining("about-to-fail");
    }

    @Test
    void aBaseImageThatCannotBePulledIsNamedWithTheReason() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM 127.0.0.1:1/slipway/missing:1\nRUN true\n");

        assertThatThrownBy(() -> build.run(BuildRequest.builder(ImageRef.parse("example.test/shop/web")).build()))
                .isInstanceOfSatisfying(BaseImagePullException.class,
                        failure -> assertThat(failure.baseImage()).isEqualTo("127.0.0.1:1/slipway/missing:1"))
                .hasMessageContaining("connection refused");
    }
}
