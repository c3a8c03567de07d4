package dev.slipway.image;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds with a Docker daemon: {@code docker build} with BuildKit (build secrets need it), under a temporary tag,
 * then {@code docker save}, unpacked and turned into an OCI layout ({@link DockerArchives}); the temporary tag is
 * removed afterwards. Needs BuildKit in the client: built into Docker 20.10's, the buildx plugin for newer ones
 * (their {@code docker build} is buildx). Insecure registries and
 * the pull policy {@code never} are the daemon's business: a warning says so.
 */
public final class DockerDriver implements ImageBuilder {
    /** BuildKit 0.11+ ({@code process "..." did not complete successfully}) and Docker 20.10 ({@code executor failed running [...]}). */
    private static final Pattern FAILED_PROCESS = Pattern.compile(
            "(?:process \"(.*)\" did not complete successfully|executor failed running \\[(.*)]): exit code: (\\d+)");
    private static final Pattern FAILED_SOURCE = Pattern.compile("(?m)failed to resolve source metadata for (\\S+): (.*)$");
    /** Docker 20.10: {@code > [internal] load metadata for <image>:} followed by {@code failed to solve ...: <reason>}. */
    private static final Pattern FAILED_METADATA = Pattern.compile("(?m)^ > \\[internal] load metadata for (\\S+):$");
    private static final Pattern FAILED_SOLVE = Pattern.compile("(?m)^failed to solve(?: with frontend [^:]+)?: (?:failed to create LLB definition: )?(.*)$");
    private static final Pattern FAILED_PULL = Pattern.compile("(?m)pull access denied for (\\S+?), (.*)$");

    private final Path docker;
    private final CommandRunner runner;
    private final Events events;
    private final Map<String, String> environment;
    private final String network;

    public DockerDriver(Path docker, CommandRunner runner, Events events) {
        this(docker, runner, events, Map.of(), null);
    }

    /**
     * @param environment added to the client's environment (e.g. {@code DOCKER_HOST}); never secrets
     * @param network     {@code docker build --network} for RUN steps (e.g. {@code none} on a daemon started with
     *                    {@code --bridge=none}), or {@code null} for the daemon's default
     */
    public DockerDriver(Path docker, CommandRunner runner, Events events, Map<String, String> environment, String network) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.events = Objects.requireNonNull(events, "events");
        this.environment = Map.copyOf(environment);
        this.network = network;
    }

    /** The docker client from the agent's {@code PATH}. */
    public static Optional<Path> locate() {
        return Executables.onPath("docker");
    }

    @Override
    public BuildRequest.Driver driver() {
        return BuildRequest.Driver.DOCKER;
    }

    /** Whether a daemon answers ({@code docker version} reaches the server). */
    public boolean daemonAnswers(Path directory) {
        return runner.run(new CommandRunner.Command(List.of(docker.toString(), "version", "--format", "{{.Server.Version}}"),
                environment, directory), line -> { }) == 0;
    }

    @Override
    public void build(BuildPlan plan) {
        if (!daemonAnswers(plan.scratch())) {
            throw new BuilderUnavailableException("the docker client cannot reach a Docker daemon",
                    "start the daemon (or set DOCKER_HOST), or build with buildah (driver buildah)");
        }
        if (!plan.insecureRegistries().isEmpty()) {
            events.warning(Event.Phase.BUILD, "docker", "insecure registries are configured on the Docker daemon"
                    + " (daemon.json 'insecure-registries'), not per build: " + plan.insecureRegistries());
        }
        if (plan.pullAuthFile() != null) {
            events.warning(Event.Phase.BUILD, "docker", "the pull auth file is for buildah; docker build uses the"
                    + " client's own logins (docker login)");
        }
        if (plan.pull() == BuildRequest.PullPolicy.NEVER) {
            events.warning(Event.Phase.BUILD, "docker", "docker build has no 'never pull' policy: base images"
                    + " missing on the daemon are pulled");
        }
        String temporaryTag = "slipway-build/" + plan.image().repository().replace('/', '-') + ":" + UUID.randomUUID();
        Path archiveTar = plan.scratch().resolve("docker-image.tar");
        Path archive = plan.scratch().resolve("docker-image");
        Map<String, String> buildEnvironment = new java.util.HashMap<>(environment);
        buildEnvironment.put("DOCKER_BUILDKIT", "1");
        boolean built = false;
        try {
            BuilderOutput build = new BuilderOutput(events, "docker");
            List<String> argv = buildArgv(docker, plan, temporaryTag, plan.scratch().resolve("image-id"), network);
            events.info(Event.Phase.BUILD, "docker", String.join(" ", argv));
            int exit = runner.run(new CommandRunner.Command(argv, buildEnvironment, plan.context()), build);
            if (exit != 0) {
                throw failure(exit, build.tail(), plan.dockerfile());
            }
            built = true;
            run(List.of(docker.toString(), "save", "--output", archiveTar.toString(), temporaryTag), plan, "docker save");
            Files.createDirectories(archive);
            run(List.of("tar", "-x", "-f", archiveTar.toString(), "-C", archive.toString()), plan, "unpacking docker save's archive");
            DockerArchives.toOciLayout(archive, plan.layout(), plan.tags().isEmpty() ? null : plan.tags().get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot turn docker save's archive into an OCI layout", e);
        } finally {
            if (built) {
                runner.run(new CommandRunner.Command(List.of(docker.toString(), "rmi", temporaryTag), environment, plan.scratch()),
                        line -> { });
            }
        }
    }

    private void run(List<String> argv, BuildPlan plan, String what) {
        BuilderOutput output = new BuilderOutput(events, "docker");
        int exit = runner.run(new CommandRunner.Command(argv, environment, plan.scratch()), output);
        if (exit != 0) {
            throw new SlipwayException(what + " failed with exit code " + exit + ": " + output.tail(),
                    "check free disk space on the agent and the daemon");
        }
    }

    /** The {@code docker build} command line. Secrets appear only as {@code id=<id>,src=<file>}. */
    static List<String> buildArgv(Path docker, BuildPlan plan, String temporaryTag, Path iidFile, String network) {
        List<String> argv = new ArrayList<>(List.of(docker.toString(), "build", "--progress=plain",
                "--file", plan.dockerfile().toString(), "--iidfile", iidFile.toString(), "--tag", temporaryTag));
        if (network != null) {
            argv.add("--network=" + network);
        }
        if (plan.pull() == BuildRequest.PullPolicy.ALWAYS) {
            argv.add("--pull");
        }
        argv.addAll(plan.sharedBuildOptions());
        argv.add(plan.context().toString());
        return List.copyOf(argv);
    }

    /** Turns a failed {@code docker build} (its masked output tail) into the typed error a user can act on. */
    static SlipwayException failure(int exit, String tail, Path dockerfile) {
        Matcher step = FAILED_PROCESS.matcher(tail);
        if (step.find()) {
            String command = step.group(1) != null ? step.group(1) : step.group(2);
            return new BuildFailedException("RUN " + command.replaceFirst("^/bin/sh -c ", ""),
                    Integer.parseInt(step.group(3)), tail, "fix the failing step (its output is shown above)");
        }
        Matcher metadata = FAILED_METADATA.matcher(tail);
        Matcher solve = FAILED_SOLVE.matcher(tail);
        if (metadata.find() && solve.find()) {
            return new BaseImagePullException(metadata.group(1), solve.group(1),
                    "check the FROM image's name and tag, that the Docker daemon reaches its registry, and its credentials");
        }
        Matcher source = FAILED_SOURCE.matcher(tail);
        if (source.find()) {
            return new BaseImagePullException(source.group(1), source.group(2),
                    "check the FROM image's name and tag, that the Docker daemon reaches its registry, and its credentials");
        }
        Matcher pull = FAILED_PULL.matcher(tail);
        if (pull.find()) {
            return new BaseImagePullException(pull.group(1), pull.group(2),
                    "check the FROM image's name and tag and the daemon's registry credentials");
        }
        if (tail.contains("buildx component is missing")) {
            return new BuilderUnavailableException("docker build needs the buildx plugin for BuildKit (build secrets)",
                    "install docker-buildx (Debian: docker-buildx-plugin from Docker's repository), or use driver buildah");
        }
        List<String> bases = Dockerfiles.baseImages(dockerfile);
        return new BuildFailedException(null, exit, tail, "read docker's error above (base images: " + bases + ")");
    }
}
