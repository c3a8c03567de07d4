package dev.slipway.testsupport.buildah;

import dev.slipway.testsupport.process.PerClassServer;
import dev.slipway.testsupport.process.RequiredBinary;
import dev.slipway.testsupport.process.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private buildah setup per test class: {@code @RegisterExtension static BuildahEnvironment buildah
 * = new BuildahEnvironment();}. Its temp folder holds a {@code storage.conf} (driver vfs: no kernel
 * mounts to leak when a run is aborted, and it works inside containers where overlay does not), a
 * {@code registries.conf} without search registries, and the image storage. Builds use
 * {@code --isolation chroot} (via {@code BUILDAH_ISOLATION}).
 *
 * <p>There is no Docker Hub here, so it makes a base image from busybox-static ({@code /bin/busybox}
 * plus symlinks for common applets), committed as {@link #BASE_IMAGE} and also written as an OCI
 * layout ({@link #baseImageOciLayout()}). Run buildah or skopeo with {@link #environment()} (or
 * {@link #buildah(String...)}) so they use this storage; {@link #storageReference(String)} names
 * an image in it for skopeo.
 */
public final class BuildahEnvironment implements PerClassServer {
    public static final RequiredBinary BUILDAH = RequiredBinary.of("buildah", "buildah");
    public static final RequiredBinary SKOPEO = RequiredBinary.of("skopeo", "skopeo");
    public static final RequiredBinary BUSYBOX = RequiredBinary.of("busybox", "busybox-static");
    /** The local base image, usable in {@code FROM} (pull policy never). */
    public static final String BASE_IMAGE = "localhost/slipway-base:latest";

    private static final List<String> APPLETS = List.of(
            "sh", "echo", "cat", "ls", "mkdir", "rm", "cp", "mv", "touch", "test", "[", "env", "true", "false",
            "sleep", "grep", "sed", "wc", "id", "chmod", "ln", "printf", "head", "tail", "date", "pwd", "uname");

    private Path dir;
    private Path buildah;
    private Map<String, String> environment;

    /** What a buildah run printed (stdout and stderr merged) and its exit code. */
    public record Result(int exitCode, String output) {
        /** This result, or an {@link IllegalStateException} with the output if buildah failed. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new IllegalStateException("buildah exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** Creates the temp folder and config, and the base image. */
    @Override
    public BuildahEnvironment start() {
        if (dir != null) {
            throw new IllegalStateException("buildah environment already started in " + dir);
        }
        buildah = BUILDAH.require();
        Path busybox = BUSYBOX.require();
        try {
            dir = TempFolders.create("slipway-buildah-");
            Path storageConf = Files.writeString(dir.resolve("storage.conf"), "[storage]\n"
                    + "driver = \"vfs\"\n"
                    + "graphroot = \"" + dir.resolve("storage/root") + "\"\n"
                    + "runroot = \"" + dir.resolve("storage/run") + "\"\n");
            Path registriesConf = Files.writeString(dir.resolve("registries.conf"),
                    "unqualified-search-registries = []\n");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("CONTAINERS_STORAGE_CONF", storageConf.toString());
            env.put("CONTAINERS_REGISTRIES_CONF", registriesConf.toString());
            env.put("BUILDAH_ISOLATION", "chroot");
            env.put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
            environment = Map.copyOf(env);
            createBaseImage(busybox);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot prepare buildah's temp folder", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void createBaseImage(Path busybox) throws IOException {
        Path rootfs = dir.resolve("base-rootfs");
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(rootfs.resolve("tmp"));
        String container = buildah("from", "scratch").requireSuccess().output().strip();
        container = container.lines().reduce((first, last) -> last).orElseThrow();
        buildah("copy", container, rootfs + "/", "/").requireSuccess();
        buildah("config", "--cmd", "/bin/sh", "--env", "PATH=/bin", container).requireSuccess();
        buildah("commit", "--rm", container, BASE_IMAGE).requireSuccess();
        buildah("push", BASE_IMAGE, "oci:" + baseImageOciLayout() + ":latest").requireSuccess();
    }

    /** Runs buildah with this storage and config; returns its output and exit code (no exception). */
    public Result buildah(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(requireStarted().toString());
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Runs skopeo with this storage and config; returns its output and exit code (no exception). */
    public Result skopeo(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(SKOPEO.require().toString());
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Runs any program (e.g. skopeo) with {@link #environment()}; returns its output and exit code. */
    public Result run(List<String> command) {
        requireStarted();
        try {
            Path log = Files.createTempFile(dir.resolve("tmp"), "run-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 5 minutes: " + command);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /**
     * The environment that points buildah/skopeo at this storage and config
     * ({@code CONTAINERS_STORAGE_CONF}, {@code CONTAINERS_REGISTRIES_CONF}, {@code BUILDAH_ISOLATION=chroot},
     * {@code TMPDIR}); add it to any process that should see these images.
     */
    public Map<String, String> environment() {
        requireStarted();
        return environment;
    }

    /** An OCI layout folder holding the base image under tag {@code latest} (skopeo: {@code oci:<dir>:latest}). */
    public Path baseImageOciLayout() {
        requireStarted();
        return dir.resolve("base-oci");
    }

    /** A skopeo transport reference to {@code image} in this storage, e.g. {@code containers-storage:localhost/app:1}. */
    public String storageReference(String image) {
        return "containers-storage:" + image;
    }

    /** A fresh empty folder under the temp folder, e.g. a build context. */
    public Path newFolder(String prefix) {
        requireStarted();
        try {
            return Files.createTempDirectory(dir, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the temp folder with its image storage. Safe to call twice. */
    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        TempFolders.deleteQuietly(dir);
        dir = null;
        environment = null;
    }

    private Path requireStarted() {
        if (dir == null) {
            throw new IllegalStateException("buildah environment not started; register it with @RegisterExtension "
                    + "on a static field, or call start()");
        }
        return buildah;
    }
}
