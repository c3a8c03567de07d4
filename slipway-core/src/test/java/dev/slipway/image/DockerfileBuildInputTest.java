package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad build input is refused before any builder runs, with the field and the fix; nothing is written. */
class DockerfileBuildInputTest {
    private static final String CANARY_BUILD_ARG = Canary.of("build-arg");
    @TempDir
    Path temp;
    private Path workspace;
    private DockerfileBuild build;

    @BeforeEach
    void workspace() throws Exception {
        workspace = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(workspace.resolve("Dockerfile"), "FROM scratch\n");
        build = new DockerfileBuild(workspace, Events.silent(), driver -> {
            throw new AssertionError("bad input must be refused before a builder is chosen");
        });
    }

    private static BuildRequest.Builder request() {
        return BuildRequest.builder(ImageRef.parse("shop.azurecr.io/shop/web"));
    }

    private static void assertRefused(Throwable thrown, String field, String... messageParts) {
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) thrown).field()).isEqualTo(field);
        assertThat(thrown.getMessage()).contains(messageParts);
        assertThat(((InvalidInputException) thrown).fix()).isNotBlank();
    }

    @Test
    void aMissingDockerfileIsNamed() {
        Throwable thrown = catchThrowable(() -> build.run(request().dockerfile("docker/Dockerfile.prod").build()));
        assertRefused(thrown, "dockerfile", "'docker/Dockerfile.prod' does not exist");
    }

    @Test
    void theDefaultDockerfileIsLookedForInTheContext() throws Exception {
        Files.createDirectories(workspace.resolve("app"));
        Throwable thrown = catchThrowable(() -> build.run(request().context("app").build()));
        assertRefused(thrown, "dockerfile", "'app/Dockerfile' does not exist");
    }

    @Test
    void aMissingContextIsNamed() {
        assertRefused(catchThrowable(() -> build.run(request().context("nope").build())), "context", "'nope' does not exist");
    }

    @Test
    void aContextThatIsAFileIsRefused() {
        assertRefused(catchThrowable(() -> build.run(request().context("Dockerfile").build())), "context", "is not a folder");
    }

    @Test
    void dotDotOutOfTheWorkspaceIsRefused() throws Exception {
        Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(temp.resolve("elsewhere/Dockerfile"), "FROM scratch\n");
        assertRefused(catchThrowable(() -> build.run(request().context("../elsewhere").build())), "context",
                "'../elsewhere' leads outside the workspace with '..'");
        assertRefused(catchThrowable(() -> build.run(request().dockerfile("sub/../../elsewhere/Dockerfile").build())),
                "dockerfile", "leads outside the workspace");
    }

    @Test
    void anAbsolutePathOutsideTheWorkspaceIsRefusedAndOneInsideIsAccepted() throws Exception {
        Files.createDirectories(temp.resolve("elsewhere"));
        assertRefused(catchThrowable(() -> build.run(request().context(temp.resolve("elsewhere").toString()).build())),
                "context", "leads outside the workspace");
        assertThat(catchThrowable(() -> build.run(request().context(workspace.toString()).build())))
                .as("reaches the builder").isInstanceOf(AssertionError.class);
    }

    @Test
    void symbolicLinksLeadingOutOfTheWorkspaceAreRefused() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(workspace.resolve("linked-context"), outside);
        Files.createSymbolicLink(workspace.resolve("Dockerfile.linked"), outside.resolve("Dockerfile"));

        assertRefused(catchThrowable(() -> build.run(request().context("linked-context").build())), "context",
                "leads outside the workspace through a symbolic link");
        assertRefused(catchThrowable(() -> build.run(request().dockerfile("Dockerfile.linked").build())), "dockerfile",
                "leads outside the workspace through a symbolic link");
    }

    @Test
    void aSymbolicLinkInsideTheWorkspaceIsFine() throws Exception {
        Files.createSymbolicLink(workspace.resolve("Dockerfile.alias"), workspace.resolve("Dockerfile"));
        assertThat(catchThrowable(() -> build.run(request().dockerfile("Dockerfile.alias").build())))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aMissingSecretFileIsNamedByItsId() {
        assertRefused(catchThrowable(() -> build.run(request().secret(BuildRequest.BuildSecret.fromFile("npmrc", ".npmrc"))
                .build())), "secrets[npmrc]", "'.npmrc' does not exist");
    }

    @Test
    void aSecretFileOutsideTheWorkspaceAndItsTempFolderIsRefused() throws Exception {
        Path elsewhere = Files.writeString(temp.resolve("token"), "x");
        assertRefused(catchThrowable(() -> build.run(request().secret(BuildRequest.BuildSecret.fromFile("token",
                elsewhere.toString())).build())), "secrets[token]", "leads outside the workspace");
    }

    @Test
    void secretIdsAreCheckedAndUnique() {
        assertRefused(catchThrowable(() -> build.run(request().secret(BuildRequest.BuildSecret.ofValue("a b", Secret.of("v")))
                .build())), "secrets", "secret id 'a b'");
        assertRefused(catchThrowable(() -> build.run(request()
                .secret(BuildRequest.BuildSecret.ofValue("t", Secret.of("v1234")))
                .secret(BuildRequest.BuildSecret.ofValue("t", Secret.of("v5678"))).build())), "secrets", "given twice");
        assertRefused(catchThrowable(() -> build.run(request().secret(new BuildRequest.BuildSecret("t", null, null))
                .build())), "secrets[t]", "either a file or a value");
    }

    @Test
    void aSecretPassedAsABuildArgumentIsRefused() {
        Throwable thrown = catchThrowable(() -> build.run(request()
                .secret(BuildRequest.BuildSecret.ofValue("token", Secret.of(CANARY_BUILD_ARG)))
                .buildArg("TOKEN", CANARY_BUILD_ARG).build()));
        assertRefused(thrown, "buildArgs", "build argument TOKEN holds a secret");
        assertThat(thrown.getMessage()).doesNotContain(CANARY_BUILD_ARG);
    }

    @Test
    void badBuildArgumentNamesAreRefused() {
        assertRefused(catchThrowable(() -> build.run(request().buildArg("1X", "v").build())), "buildArgs", "'1X'");
    }

    @Test
    void anImageWithADigestIsRefused() {
        Throwable thrown = catchThrowable(() -> build.run(BuildRequest.builder(
                ImageRef.parse("shop.azurecr.io/shop/web@sha256:" + "a".repeat(64))).build()));
        assertRefused(thrown, "image", "has a digest");
    }

    @Test
    void anOutputFolderThatIsNotALayoutIsNotReplaced() throws Exception {
        Files.createDirectories(workspace.resolve("dist"));
        Files.writeString(workspace.resolve("dist/app.jar"), "precious");
        assertRefused(catchThrowable(() -> build.run(request().outputLayout("dist").build())), "outputLayout",
                "exists and is not an OCI layout");
        assertThat(workspace.resolve("dist/app.jar")).hasContent("precious");
    }

    @Test
    void anOutputFolderHoldingTheContextOrTheWorkspaceItselfIsRefused() throws Exception {
        Files.createDirectories(workspace.resolve("app/src"));
        Files.writeString(workspace.resolve("app/src/Dockerfile"), "FROM scratch\n");
        assertRefused(catchThrowable(() -> build.run(request().context("app/src").outputLayout("app").build())),
                "outputLayout", "holds the build context");
        assertRefused(catchThrowable(() -> build.run(request().outputLayout(".").build())), "outputLayout",
                "is the workspace itself");
        assertRefused(catchThrowable(() -> build.run(request().outputLayout("../out").build())), "outputLayout",
                "leads outside the workspace");
    }

    @Test
    void aBadTagTemplateIsRefused() {
        assertRefused(catchThrowable(() -> build.run(request().tag("{version}").build())), "tags", "unknown placeholder");
    }

    @Test
    void anOutputLayoutInsideTheContextIsWarnedAboutUnlessDockerignoreListsIt() throws Exception {
        java.util.List<dev.slipway.support.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        DockerfileBuild watched = new DockerfileBuild(workspace, Events.silent().subscribe(events::add), driver -> {
            throw new AssertionError("stop before building");
        });

        catchThrowable(() -> watched.run(request().build()));
        assertThat(events).anyMatch(event -> event.kind() == dev.slipway.support.Event.Kind.WARNING
                && event.message().contains("add '.slipway' to .dockerignore"));

        events.clear();
        Files.writeString(workspace.resolve(".dockerignore"), "node_modules\n/.slipway/\n");
        catchThrowable(() -> watched.run(request().build()));
        assertThat(events).noneMatch(event -> event.kind() == dev.slipway.support.Event.Kind.WARNING);
    }

    @Test
    void theEngineRunsTheBuild() {
        dev.slipway.delivery.Engine engine = new dev.slipway.delivery.Engine(
                new dev.slipway.delivery.EngineContext(workspace, Events.silent()));
        assertRefused(catchThrowable(() -> engine.build(request().context("missing").build())), "context", "does not exist");
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable callable) {
        return org.assertj.core.api.Assertions.catchThrowable(callable);
    }
}
