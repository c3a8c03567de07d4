package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines the drivers build from the same plan, and how their failures are read. */
class BuilderCommandLinesTest {
    private static final String CANARY_ARGV = Canary.of("argv");
    private static final Path BUILDAH = Path.of("/usr/bin/buildah");
    private static final Path DOCKER = Path.of("/usr/bin/docker");

    @TempDir
    Path temp;

    private BuildPlan plan(BuildRequest.PullPolicy pull, List<String> tags) {
        return new BuildPlan(Path.of("/ws/app"), Path.of("/ws/app/Dockerfile"), ImageRef.parse("shop.azurecr.io/shop/web"),
                tags, Map.of("Z_LAST", "2", "A_FIRST", "1"),
                Map.of("org.opencontainers.image.revision", "abc", "com.example.team", "shop"), "runtime", "linux/arm64",
                pull, true, List.of(new BuildPlan.SecretFile("npmrc", Path.of("/ws@tmp/secretFiles/1/npmrc"))),
                List.of("127.0.0.1:5000"), Path.of("/ws@tmp/auth.json"), Path.of("/ws@tmp/slipway-build-1"),
                Path.of("/ws/.slipway/.oci-layout.partial"));
    }

    @Test
    void buildahGetsEveryInputOnceWithSecretsOnlyAsIdAndFile() {
        List<String> argv = BuildahDriver.buildArgv(BUILDAH, plan(BuildRequest.PullPolicy.ALWAYS, List.of("1")), "chroot",
                Path.of("/ws@tmp/slipway-build-1/image-id"));

        assertThat(argv).containsExactly("/usr/bin/buildah", "build", "--isolation", "chroot", "--format", "oci",
                "--pull=always", "--file", "/ws/app/Dockerfile", "--iidfile", "/ws@tmp/slipway-build-1/image-id",
                "--authfile", "/ws@tmp/auth.json", "--no-cache", "--target", "runtime", "--platform", "linux/arm64",
                "--build-arg", "A_FIRST=1", "--build-arg", "Z_LAST=2",
                "--label", "com.example.team=shop", "--label", "org.opencontainers.image.revision=abc",
                "--secret", "id=npmrc,src=/ws@tmp/secretFiles/1/npmrc", "/ws/app");
    }

    @Test
    void buildahPullPoliciesMapToItsPullValues() {
        assertThat(BuildahDriver.pullValue(BuildRequest.PullPolicy.MISSING)).isEqualTo("missing");
        assertThat(BuildahDriver.pullValue(BuildRequest.PullPolicy.NEVER)).isEqualTo("never");
    }

    @Test
    void buildahPushesTheImageIdToTheLayoutUnderTheFirstTag() {
        assertThat(BuildahDriver.pushArgv(BUILDAH, "sha256:abc", plan(BuildRequest.PullPolicy.MISSING, List.of("1", "2"))))
                .containsExactly("/usr/bin/buildah", "push", "--format", "oci", "--quiet", "sha256:abc",
                        "oci:/ws/.slipway/.oci-layout.partial:1");
        assertThat(BuildahDriver.pushArgv(BUILDAH, "sha256:abc", plan(BuildRequest.PullPolicy.MISSING, List.of())))
                .endsWith("oci:/ws/.slipway/.oci-layout.partial");
    }

    @Test
    void aLayoutPathWithAColonIsRefusedForBuildahsOciTransport() {
        BuildPlan base = plan(BuildRequest.PullPolicy.MISSING, List.of());
        BuildPlan colon = new BuildPlan(base.context(), base.dockerfile(), base.image(), base.tags(), base.buildArgs(),
                base.labels(), null, null, base.pull(), false, List.of(), List.of(), null, base.scratch(), Path.of("/ws/a:b"));
        assertThatThrownBy(() -> BuildahDriver.pushArgv(BUILDAH, "id", colon)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outputLayout");
    }

    @Test
    void buildahsPrivateStorageUsesVfsAndListsInsecureRegistries() throws Exception {
        Map<String, String> environment = BuildahDriver.prepareStorage(temp.resolve("buildah"), List.of("127.0.0.1:5000"));

        assertThat(environment).containsKeys("CONTAINERS_STORAGE_CONF", "CONTAINERS_REGISTRIES_CONF", "TMPDIR");
        assertThat(Path.of(environment.get("CONTAINERS_STORAGE_CONF"))).content()
                .contains("driver = \"vfs\"", "graphroot = \"" + temp.resolve("buildah/root") + "\"");
        assertThat(Path.of(environment.get("CONTAINERS_REGISTRIES_CONF"))).content()
                .contains("unqualified-search-registries = [\"docker.io\"]",
                        "[[registry]]\nlocation = \"127.0.0.1:5000\"\ninsecure = true");
    }

    @Test
    void dockerGetsTheSameInputsUnderATemporaryTag() {
        List<String> argv = DockerDriver.buildArgv(DOCKER, plan(BuildRequest.PullPolicy.ALWAYS, List.of("1")),
                "slipway-build/shop-web:x", Path.of("/s/iid"), "none");

        assertThat(argv).containsExactly("/usr/bin/docker", "build", "--progress=plain", "--file", "/ws/app/Dockerfile",
                "--iidfile", "/s/iid", "--tag", "slipway-build/shop-web:x", "--network=none", "--pull", "--no-cache",
                "--target", "runtime", "--platform", "linux/arm64",
                "--build-arg", "A_FIRST=1", "--build-arg", "Z_LAST=2",
                "--label", "com.example.team=shop", "--label", "org.opencontainers.image.revision=abc",
                "--secret", "id=npmrc,src=/ws@tmp/secretFiles/1/npmrc", "/ws/app");
        assertThat(DockerDriver.buildArgv(DOCKER, plan(BuildRequest.PullPolicy.MISSING, List.of()), "t", Path.of("/i"), null))
                .doesNotContain("--pull").noneMatch(arg -> arg.startsWith("--network"));
    }

    @Test
    void buildahFailuresNameTheStepOrTheBaseImage() throws Exception {
        Path dockerfile = Files.writeString(temp.resolve("Dockerfile"), "FROM 127.0.0.1:1/nope/base:1 AS build\nFROM build\n");
        BuildPlan plan = new BuildPlan(temp, dockerfile, ImageRef.parse("x.io/a"), List.of(), Map.of(), Map.of(), null, null,
                BuildRequest.PullPolicy.MISSING, false, List.of(), List.of(), null, temp, temp.resolve("out"));
        // buildah 1.28's own words, recorded from real runs
        BuilderOutput step = output("STEP 1/2: FROM base", "STEP 2/2: RUN make", "make: no rule", "subprocess exited with status 2",
                "Error: building at STEP \"RUN make\": exit status 2");
        BuilderOutput pull = output("STEP 1/2: FROM 127.0.0.1:1/nope/base:1", "Error: creating build container: initializing"
                + " source docker://127.0.0.1:1/nope/base:1: pinging container registry 127.0.0.1:1: Get"
                + " \"https://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused");

        assertThat(BuildahDriver.failure(2, step, plan)).isInstanceOfSatisfying(BuildFailedException.class, failure -> {
            assertThat(failure.step()).isEqualTo("RUN make");
            assertThat(failure.exitCode()).isEqualTo(2);
            assertThat(failure.getMessage()).contains("make: no rule").doesNotContain("FROM base");
        });
        assertThat(BuildahDriver.failure(125, pull, plan)).isInstanceOfSatisfying(BaseImagePullException.class, failure -> {
            assertThat(failure.baseImage()).isEqualTo("127.0.0.1:1/nope/base:1");
            assertThat(failure.getMessage()).endsWith("could not be pulled: pinging container registry 127.0.0.1:1: Get"
                    + " \"https://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused");
        });
        assertThat(BuildahDriver.failure(125, output("Error: creating build container: short-name \"app\" did not resolve"),
                plan)).isInstanceOfSatisfying(BaseImagePullException.class,
                        failure -> assertThat(failure.baseImage()).isEqualTo("app"));
        assertThat(BuildahDriver.failure(1, output("Error: something else"), plan))
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("the build failed with exit code 1");
    }

    @Test
    void dockerFailuresInTheWordsOfBuildKitOldAndNew() {
        Path dockerfile = temp.resolve("Dockerfile");
        // Docker 20.10 (recorded from a real daemon) and BuildKit 0.11+ (docker 23+)
        assertThat(DockerDriver.failure(1, "#5 ERROR: executor failed running [/bin/sh -c echo boom && exit 3]: exit code: 3\n"
                + "executor failed running [/bin/sh -c echo boom && exit 3]: exit code: 3", dockerfile))
                .isInstanceOfSatisfying(BuildFailedException.class, failure -> {
                    assertThat(failure.step()).isEqualTo("RUN echo boom && exit 3");
                    assertThat(failure.exitCode()).isEqualTo(3);
                });
        assertThat(DockerDriver.failure(1, "ERROR: failed to solve: process \"/bin/sh -c make\" did not complete"
                + " successfully: exit code: 2", dockerfile))
                .isInstanceOfSatisfying(BuildFailedException.class, failure -> assertThat(failure.exitCode()).isEqualTo(2));
        assertThat(DockerDriver.failure(1, "------\n > [internal] load metadata for 127.0.0.1:1/nope:1:\n------\n"
                + "failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request: Head"
                + " \"http://127.0.0.1:1/v2/nope/manifests/1\": dial tcp 127.0.0.1:1: connect: connection refused", dockerfile))
                .isInstanceOfSatisfying(BaseImagePullException.class, failure -> {
                    assertThat(failure.baseImage()).isEqualTo("127.0.0.1:1/nope:1");
                    assertThat(failure.getMessage()).endsWith("connect: connection refused");
                });
        assertThat(DockerDriver.failure(1, "ERROR: failed to solve: example.test/app:1: failed to resolve source metadata for"
                + " example.test/app:1: not found", dockerfile))
                .isInstanceOfSatisfying(BaseImagePullException.class,
                        failure -> assertThat(failure.baseImage()).isEqualTo("example.test/app:1"));
        assertThat(DockerDriver.failure(1, "ERROR: BuildKit is enabled but the buildx component is missing or broken.", dockerfile))
                .isInstanceOf(BuilderUnavailableException.class).hasMessageContaining("buildx");
    }

    @Test
    void aCommandLineHoldingARegisteredSecretIsNeverStarted() {
        SecretMasker masker = new SecretMasker().register(Secret.of(CANARY_ARGV));
        AtomicBoolean started = new AtomicBoolean();
        CommandRunner guarded = ((CommandRunner) (command, output) -> {
            started.set(true);
            return 0;
        }).refusingSecretsIn(masker);

        assertThatThrownBy(() -> guarded.run(new CommandRunner.Command(List.of("buildah", "--build-arg", "T=" + CANARY_ARGV),
                Map.of(), temp), line -> { }))
                .hasMessageContaining("a secret would be on its command line")
                .hasMessageNotContaining(CANARY_ARGV);
        assertThatThrownBy(() -> guarded.run(new CommandRunner.Command(List.of("buildah"), Map.of("T", CANARY_ARGV),
                temp), line -> { })).hasMessageContaining("environment");
        assertThat(started).isFalse();
        assertThat(guarded.run(new CommandRunner.Command(List.of("buildah", "version"), Map.of(), temp), line -> { })).isZero();
        assertThat(started).isTrue();
    }

    private static BuilderOutput output(String... lines) {
        BuilderOutput output = new BuilderOutput(Events.silent(), "buildah");
        List.of(lines).forEach(output);
        return output;
    }
}
