package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real buildah ({@code --isolation chroot} where the runtime cannot run, private storage per build) building from a
 * local busybox base image served by a real registry, and skopeo pushing the layout to that registry.
 */
@Tag("real-server")
class BuildahBuildTest {
    private static final String FILE_CANARY = Canary.of("file-not-for-layers");
    private static final String VALUE_CANARY = Canary.of("value-not-for-argv");
    private static final String URL_CANARY = Canary.of("url-token");
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer registry = RegistryServer.noAuth();

    private static String baseImage;

    @TempDir
    Path temp;
    private Path workspace;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final RecordingRunner runner = new RecordingRunner();
    private DockerfileBuild build;

    @BeforeAll
    static void publishTheBaseImage() {
        baseImage = registry.hostPort() + "/slipway/base:latest";
        buildah.skopeo("copy", "--dest-tls-verify=false", "oci:" + buildah.baseImageOciLayout() + ":latest",
                "docker://" + baseImage).requireSuccess();
    }

    @BeforeEach
    void workspace() throws Exception {
        workspace = Files.createDirectories(temp.resolve("ws"));
        Events engineEvents = new Events(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), new SecretMasker())
                .subscribe(events::add);
        build = new DockerfileBuild(workspace, engineEvents, runner);
    }

    @Test
    void buildsWithARunStepASecretMountAndLabelsIntoALayoutThatSkopeoPushesByDigest() throws Exception {
        Path app = Files.createDirectories(workspace.resolve("app"));
        Files.writeString(app.resolve("Dockerfile"), "FROM " + baseImage + "\n"
                + "ARG GREETING\n"
                + "COPY . /app/\n"
                + "RUN --mount=type=secret,id=token --mount=type=secret,id=npmrc"
                + " wc -c < /run/secrets/token > /app/token-length && wc -c < /run/secrets/npmrc > /app/npmrc-length"
                + " && echo \"$GREETING\" > /app/greeting\n");
        Files.writeString(app.resolve("kept.txt"), "kept\n");
        Files.writeString(app.resolve("ignored.txt"), "ignored\n");
        Files.writeString(app.resolve(".dockerignore"), "ignored.txt\n");
        // where Jenkins' withCredentials puts secret files: <workspace>@tmp/secretFiles/<uuid>/<name>
        Path secretFile = Files.createDirectories(temp.resolve("ws@tmp/secretFiles/1234")).resolve("token");
        Files.writeString(secretFile, FILE_CANARY);

        BuildResult result = build.run(BuildRequest.builder(ImageRef.parse(registry.hostPort() + "/shop/web"))
                .context("app")
                .tags(List.of("{gitCommitShort}", "{branch}-{buildNumber}"))
                .buildArg("GREETING", "hello-from-build-arg")
                .label("com.example.team", "shop")
                .secret(BuildRequest.BuildSecret.fromFile("token", secretFile.toString()))
                .secret(BuildRequest.BuildSecret.ofValue("npmrc", Secret.of(VALUE_CANARY)))
                .insecureRegistry(registry.hostPort())
                .provenance(new Provenance("https://bot:" + URL_CANARY + "@git.example/shop.git", COMMIT,
                        "feature/Login", null, 42L, "d-1"))
                .build());

        Path layout = workspace.resolve(BuildRequest.DEFAULT_OUTPUT_LAYOUT);
        assertThat(result.layout()).isEqualTo(BuildRequest.DEFAULT_OUTPUT_LAYOUT);
        assertThat(result.tags()).containsExactly("0123456", "feature-login-42");
        assertThat(result.driver()).isEqualTo(BuildRequest.Driver.BUILDAH);
        JsonNode index = new ObjectMapper().readTree(layout.resolve("index.json").toFile());
        assertThat(result.image().reference()).isEqualTo(registry.hostPort() + "/shop/web@"
                + index.path("manifests").get(0).path("digest").asText());
        assertThat(result.sizeBytes()).isPositive();

        JsonNode labels = LayoutContents.config(layout).path("config").path("Labels");
        assertThat(labels.path("org.opencontainers.image.source").asText()).isEqualTo("https://git.example/shop.git");
        assertThat(labels.path("org.opencontainers.image.revision").asText()).isEqualTo(COMMIT);
        assertThat(labels.path("org.opencontainers.image.created").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(labels.path("com.example.team").asText()).isEqualTo("shop");

        Path files = LayoutContents.unpack(layout, temp.resolve("unpacked"));
        assertThat(files.resolve("app/greeting")).hasContent("hello-from-build-arg");
        assertThat(files.resolve("app/token-length")).hasContent(String.valueOf(FILE_CANARY.length()));
        assertThat(files.resolve("app/npmrc-length")).hasContent(String.valueOf(VALUE_CANARY.length()));
        assertThat(files.resolve("app/kept.txt")).exists();
        assertThat(files.resolve("app/ignored.txt")).as(".dockerignore is honoured").doesNotExist();
        assertThat(files.resolve("run/secrets/token")).doesNotExist();

        for (String canary : List.of(FILE_CANARY, VALUE_CANARY, URL_CANARY)) {
            assertThat(LayoutContents.allBytes(layout)).as("layout").noneMatch(bytes -> LayoutContents.contains(bytes, canary));
            assertThat(events).as("events").noneMatch(event -> event.message().contains(canary) || event.subject().contains(canary));
            assertThat(runner.everything()).as("argv and environment").doesNotContain(canary);
        }
        assertThat(runner.everything()).contains("id=token,src=" + secretFile.toRealPath());
        boolean chroot = runner.commands.stream().anyMatch(command -> command.argv().containsAll(List.of("build", "chroot")));
        assertThat(events.stream().filter(event -> event.kind() == Event.Kind.WARNING)
                .filter(event -> event.message().contains("--isolation chroot")))
                .as("the reason for chroot isolation, once per build").hasSize(chroot ? 1 : 0);
        try (Stream<Path> left = Files.list(temp.resolve("ws@tmp"))) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).as("scratch folders left behind")
                    .noneMatch(name -> name.startsWith("slipway-build-"));
        }

        String pushed = registry.hostPort() + "/shop/web:" + result.tags().get(0);
        buildah.skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":" + result.tags().get(0), "docker://" + pushed)
                .requireSuccess();
        String digest = buildah.skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + pushed)
                .requireSuccess().output().strip();
        assertThat(result.image().digest()).map(Digest::toString).hasValue(digest);
    }

    @Test
    void aFailingRunStepShowsItsOutputAndExitCodeAndLeavesTheEarlierLayoutAlone() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + baseImage + "\n"
                + "RUN echo preparing-the-step && echo about-to-fail >&2 && exit 3\n");
        Path earlier = Files.createDirectories(workspace.resolve("out"));
        Files.writeString(earlier.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");

        assertThatThrownBy(() -> build.run(request().outputLayout("out").build()))
                .isInstanceOfSatisfying(BuildFailedException.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(3);
                    assertThat(failure.step()).isEqualTo("RUN echo preparing-the-step && echo about-to-fail >&2 && exit 3");
                })
                .hasMessageContaining("failed with exit code 3")
                .hasMessageContaining("preparing-the-step")
                .hasMessageContaining("about-to-fail");
        assertThat(earlier.resolve("oci-layout")).exists();
        try (Stream<Path> entries = Files.list(workspace)) {
            assertThat(entries.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.contains(".partial-"));
        }
        assertThat(events).anyMatch(event -> event.kind() == Event.Kind.FAILED);
    }

    @Test
    void aBaseImageThatCannotBePulledIsNamedWithTheReason() throws Exception {
        String missing = registry.hostPort() + "/slipway/missing:1";
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + missing + "\nRUN true\n");

        assertThatThrownBy(() -> build.run(request().build()))
                .isInstanceOfSatisfying(BaseImagePullException.class,
                        failure -> assertThat(failure.baseImage()).isEqualTo(missing))
                .hasMessageContaining("base image " + missing + " could not be pulled: ")
                .hasMessageContaining("manifest unknown");
    }

    @Test
    void aSecretPrintedByARunStepIsMaskedInTheEvents() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + baseImage + "\n"
                + "RUN --mount=type=secret,id=token cat /run/secrets/token && echo && false\n");

        assertThatThrownBy(() -> build.run(request().secret(BuildRequest.BuildSecret.ofValue("token",
                Secret.of(VALUE_CANARY))).build()))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining(Secret.MASK)
                .hasMessageNotContaining(VALUE_CANARY);
        assertThat(events).noneMatch(event -> event.message().contains(VALUE_CANARY));
    }

    private BuildRequest.Builder request() {
        return BuildRequest.builder(ImageRef.parse(registry.hostPort() + "/shop/web")).tag("1")
                .insecureRegistry(registry.hostPort());
    }
}
