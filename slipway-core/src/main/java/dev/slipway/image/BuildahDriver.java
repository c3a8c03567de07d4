package dev.slipway.image;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds with buildah, no daemon: {@code buildah build} into a storage private to this build (under the build's
 * scratch folder, driver {@code vfs}: no kernel mounts, works in unprivileged pods, nothing left behind), then
 * {@code buildah push} of the image id to {@code oci:<layout>}. The storage is removed afterwards.
 *
 * <p>Isolation: buildah's default OCI runtime needs cgroups and namespaces that containers and some agents do not
 * offer. Unless {@code BUILDAH_ISOLATION} is set, the runtime is probed once per agent process (a container from
 * {@code scratch} running the host's {@code true}); if it cannot run, builds use {@code --isolation chroot} and the
 * reason is logged once per build.
 */
public final class BuildahDriver implements ImageBuilder {
    static final String OCI = "oci";
    static final String CHROOT = "chroot";
    private static final Pattern FAILED_STEP = Pattern.compile("building at STEP \"(.*)\": .*?exit status (\\d+)\\s*$");
    private static final Pattern PULL_SOURCE = Pattern.compile("(?:docker|docker-daemon|oci|containers-storage)://?(\\S+?): (.*)$");
    private static final Pattern QUOTED_IMAGE = Pattern.compile("\"([^\"]+)\"");
    private static final Map<Path, Isolation> PROBED = new ConcurrentHashMap<>();

    private final Path buildah;
    private final CommandRunner runner;
    private final Events events;

    public BuildahDriver(Path buildah, CommandRunner runner, Events events) {
        this.buildah = Objects.requireNonNull(buildah, "buildah");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** buildah from the agent's {@code PATH}. */
    public static java.util.Optional<Path> locate() {
        return Executables.onPath("buildah");
    }

    @Override
    public BuildRequest.Driver driver() {
        return BuildRequest.Driver.BUILDAH;
    }

    /** How buildah isolates RUN steps here, and why. */
    record Isolation(String mode, String reason) { }

    @Override
    public void build(BuildPlan plan) {
        Path storage = plan.scratch().resolve("buildah");
        try {
            Map<String, String> environment = prepareStorage(storage, plan.insecureRegistries());
            if (plan.pull() == BuildRequest.PullPolicy.NEVER) {
                events.warning(Event.Phase.BUILD, "buildah", "pull policy 'never': buildah's storage is private to"
                        + " this build and starts empty, so only FROM scratch (or an earlier stage) can be used");
            }
            Isolation isolation = isolation(environment, storage);
            Path iidFile = plan.scratch().resolve("image-id");
            BuilderOutput build = new BuilderOutput(events, "buildah");
            Path directory = plan.context();
            List<String> buildArgv = buildArgv(buildah, plan, isolation.mode(), iidFile);
            events.info(Event.Phase.BUILD, "buildah", String.join(" ", buildArgv));
            int exit = runner.run(new CommandRunner.Command(buildArgv, environment, directory), build);
            if (exit != 0) {
                throw failure(exit, build, plan);
            }
            String imageId = Files.readString(iidFile, StandardCharsets.UTF_8).strip();
            BuilderOutput push = new BuilderOutput(events, "buildah");
            int pushed = runner.run(new CommandRunner.Command(pushArgv(buildah, imageId, plan), environment, directory), push);
            if (pushed != 0) {
                throw new SlipwayException("buildah could not write the OCI layout (exit code " + pushed + "): "
                        + push.tail(), "check free disk space in the workspace");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("buildah build in " + storage + " failed", e);
        } finally {
            removeStorage(storage);
        }
    }

    /** The {@code buildah build} command line. Secrets appear only as {@code id=<id>,src=<file>}. */
    static List<String> buildArgv(Path buildah, BuildPlan plan, String isolation, Path iidFile) {
        List<String> argv = new ArrayList<>(List.of(buildah.toString(), "build", "--isolation", isolation,
                "--format", "oci", "--pull=" + pullValue(plan.pull()), "--file", plan.dockerfile().toString(),
                "--iidfile", iidFile.toString()));
        if (plan.pullAuthFile() != null) {
            argv.addAll(List.of("--authfile", plan.pullAuthFile().toString()));
        }
        argv.addAll(plan.sharedBuildOptions());
        argv.add(plan.context().toString());
        return List.copyOf(argv);
    }

    /** The {@code buildah push} command line writing the layout; the first tag names the image in it. */
    static List<String> pushArgv(Path buildah, String imageId, BuildPlan plan) {
        if (plan.layout().toString().contains(":")) {
            throw new InvalidInputException("outputLayout", "'" + plan.layout() + "' contains ':', which buildah's"
                    + " oci: transport cannot take", "choose an output folder without ':'");
        }
        String destination = "oci:" + plan.layout() + (plan.tags().isEmpty() ? "" : ":" + plan.tags().get(0));
        return List.of(buildah.toString(), "push", "--format", "oci", "--quiet", imageId, destination);
    }

    static String pullValue(BuildRequest.PullPolicy pull) {
        return switch (pull) {
            case MISSING -> "missing";
            case ALWAYS -> "always";
            case NEVER -> "never";
        };
    }

    /** storage.conf and registries.conf of the private storage, and the environment that selects them. */
    static Map<String, String> prepareStorage(Path storage, List<String> insecureRegistries) throws IOException {
        Files.createDirectories(storage.resolve("tmp"));
        Path storageConf = Files.writeString(storage.resolve("storage.conf"), "[storage]\n"
                + "driver = \"vfs\"\n"
                + "graphroot = " + toml(storage.resolve("root").toString()) + "\n"
                + "runroot = " + toml(storage.resolve("run").toString()) + "\n");
        // Unqualified names resolve to Docker Hub, as Docker does, so both drivers read a Dockerfile the same way.
        StringBuilder registries = new StringBuilder("unqualified-search-registries = [\"docker.io\"]\n"
                + "short-name-mode = \"permissive\"\n");
        for (String registry : insecureRegistries) {
            registries.append("\n[[registry]]\nlocation = ").append(toml(registry)).append("\ninsecure = true\n");
        }
        Path registriesConf = Files.writeString(storage.resolve("registries.conf"), registries.toString());
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CONTAINERS_STORAGE_CONF", storageConf.toString());
        environment.put("CONTAINERS_REGISTRIES_CONF", registriesConf.toString());
        environment.put("TMPDIR", storage.resolve("tmp").toString());
        return environment;
    }

    private static String toml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Isolation isolation(Map<String, String> environment, Path storage) {
        String configured = System.getenv("BUILDAH_ISOLATION");
        if (configured != null && !configured.isBlank()) {
            events.info(Event.Phase.BUILD, "buildah", "isolation " + configured + " (from BUILDAH_ISOLATION)");
            return new Isolation(configured, "BUILDAH_ISOLATION");
        }
        Isolation isolation = PROBED.computeIfAbsent(buildah, ignored -> probe(environment, storage));
        if (isolation.mode().equals(CHROOT)) {
            events.warning(Event.Phase.BUILD, "buildah", "RUN steps use --isolation chroot: the default OCI runtime"
                    + " cannot run containers on this agent (" + isolation.reason() + ")");
        }
        return isolation;
    }

    /** Runs the host's {@code true} in a scratch container with the OCI runtime; any failure means chroot. */
    Isolation probe(Map<String, String> environment, Path storage) {
        BuilderOutput from = new BuilderOutput(Events.silent(), "probe");
        int created = runner.run(new CommandRunner.Command(List.of(buildah.toString(), "from", "--pull=never", "scratch"),
                environment, storage), from);
        if (created != 0) {
            return new Isolation(CHROOT, "buildah from scratch failed: " + from.tail());
        }
        String container = from.tail().lines().reduce((first, last) -> last).orElse("").strip();
        List<String> argv = new ArrayList<>(List.of(buildah.toString(), "run", "--isolation", OCI));
        for (String dir : List.of("/usr", "/lib", "/lib64", "/bin")) {
            if (Files.isDirectory(Path.of(dir))) {
                argv.addAll(List.of("--volume", dir + ":" + dir + ":ro"));
            }
        }
        argv.addAll(List.of(container, Files.isExecutable(Path.of("/usr/bin/true")) ? "/usr/bin/true" : "/bin/true"));
        BuilderOutput run = new BuilderOutput(Events.silent(), "probe");
        int exit = runner.run(new CommandRunner.Command(argv, environment, storage), run);
        runner.run(new CommandRunner.Command(List.of(buildah.toString(), "rm", container), environment, storage), line -> { });
        if (exit == 0) {
            return new Isolation(OCI, "the OCI runtime works");
        }
        String reason = run.tail().lines().filter(line -> !line.isBlank()).findFirst().orElse("exit code " + exit);
        return new Isolation(CHROOT, reason.strip());
    }

    /** Turns a failed {@code buildah build} into the typed error a user can act on. */
    static SlipwayException failure(int exit, BuilderOutput output, BuildPlan plan) {
        String error = output.lastLineStartingWith("Error: ");
        String message = error == null ? "" : error.substring("Error: ".length());
        Matcher step = FAILED_STEP.matcher(message);
        if (step.find()) {
            return new BuildFailedException(step.group(1), Integer.parseInt(step.group(2)), output.stepTail(),
                    "fix the failing step (its output is shown above); the same Dockerfile builds locally with"
                            + " 'buildah build' or 'docker build'");
        }
        if (message.startsWith("creating build container") || message.contains("pulling image")) {
            return baseImageFailure(message, plan);
        }
        return new BuildFailedException(null, exit, output.tail(),
                "read buildah's error above" + (message.isEmpty() ? "" : " (" + message + ")"));
    }

    private static BaseImagePullException baseImageFailure(String message, BuildPlan plan) {
        String image = null;
        String reason = message;
        Matcher source = PULL_SOURCE.matcher(message);
        if (source.find()) {
            image = source.group(1);
            reason = source.group(2);
        } else {
            Matcher quoted = QUOTED_IMAGE.matcher(message);
            if (quoted.find()) {
                image = quoted.group(1);
            }
            reason = message.replaceFirst("^creating build container: ", "");
        }
        if (image == null) {
            image = Dockerfiles.baseImages(plan.dockerfile()).stream().findFirst().orElse("(unknown)");
        }
        return new BaseImagePullException(image, reason,
                "check the FROM image's name and tag, that this agent reaches its registry, and the registry"
                        + " credentials; for a registry without TLS list it under insecureRegistries");
    }

    /** Deletes the private storage; rootless storage holds files of sub-UIDs, which only buildah unshare can remove. */
    private void removeStorage(Path storage) {
        if (!Files.exists(storage)) {
            return;
        }
        FileTrees.deleteQuietly(storage);
        if (Files.exists(storage)) {
            runner.run(new CommandRunner.Command(List.of(buildah.toString(), "unshare", "rm", "-rf", storage.toString()),
                    Map.of(), storage.getParent()), line -> { });
        }
        if (Files.exists(storage)) {
            events.warning(Event.Phase.BUILD, "buildah", "could not remove buildah's storage " + storage);
        }
    }
}
