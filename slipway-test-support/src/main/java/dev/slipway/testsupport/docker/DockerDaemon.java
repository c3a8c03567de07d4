package dev.slipway.testsupport.docker;

import dev.slipway.testsupport.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Docker daemon for a test, started only where {@code dockerd} is installed (Debian: docker.io). It does
 * not touch the host network ({@code --bridge=none --iptables=false --ip6tables=false --ip-masq=false}, so RUN steps
 * need {@code --network=none}), keeps data and exec roots in its own temp folder (storage driver vfs: no mounts
 * left behind), listens on a unix socket there, and is stopped by PID with its children on {@link #close()}.
 *
 * <p>The client is the {@code docker} next to {@code dockerd} (the docker.io package's, which has BuildKit built
 * in); newer clients need the buildx plugin for BuildKit.
 */
public final class DockerDaemon implements AutoCloseable {
    private final Path dir;
    private final Path client;
    private final ManagedProcess process;

    private DockerDaemon(Path dir, Path client, ManagedProcess process) {
        this.dir = dir;
        this.client = client;
        this.process = process;
    }

    /** The installed {@code dockerd}, if any: on {@code PATH} or in the sbin folders. */
    public static Optional<Path> installedDaemon() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/sbin", "/usr/local/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "dockerd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts a daemon from the installed {@code dockerd}; fails if there is none. */
    public static DockerDaemon start() {
        Path dockerd = installedDaemon().orElseThrow(() -> new IllegalStateException(
                "'dockerd' is not installed; install it with: apt-get install -y docker.io"));
        Path bin = dockerd.getParent();
        Path client = Stream.of(bin.resolve("docker"), bin.resolveSibling("bin").resolve("docker"), Path.of("/usr/bin/docker"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("no docker client next to " + dockerd));
        try {
            // short folder name: containerd's socket path must stay under the 108-byte unix socket limit
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "sw-dockerd-");
            Path socket = dir.resolve("docker.sock");
            List<String> command = new ArrayList<>(List.of(dockerd.toString(),
                    "--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
                    "--storage-driver=vfs", "--data-root", dir.resolve("data").toString(),
                    "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString(),
                    "--host", "unix://" + socket));
            String path = bin + ":" + client.getParent() + ":" + Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
            ManagedProcess process = ManagedProcess.start("dockerd", command, dir, Map.of("PATH", path));
            DockerDaemon daemon = new DockerDaemon(dir, client, process);
            daemon.awaitReady(Duration.ofSeconds(60));
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare dockerd's temp folder", e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dockerd exited before it was ready:\n" + process.logText());
            }
            if (Files.exists(dir.resolve("docker.sock")) && docker("version").exitCode() == 0) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        close();
        throw new IllegalStateException("dockerd was not ready within " + timeout + ":\n" + process.logText());
    }

    /** The docker client that talks to this daemon. */
    public Path client() {
        return client;
    }

    /** {@code DOCKER_HOST} for this daemon. */
    public Map<String, String> environment() {
        return Map.of("DOCKER_HOST", "unix://" + dir.resolve("docker.sock"));
    }

    /** What a client run printed and its exit code. */
    public record Result(int exitCode, String output) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new IllegalStateException("docker exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** Runs the client against this daemon. */
    public Result docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of(client.toString()));
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile(dir, "client-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment());
            Process client = builder.start();
            if (!client.waitFor(5, TimeUnit.MINUTES)) {
                client.destroyForcibly();
                throw new IllegalStateException("docker did not finish within 5 minutes: " + command);
            }
            String output = Files.readString(log);
            Files.delete(log);
            return new Result(client.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + client, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the daemon (and its containerd) by PID and removes its folder. */
    @Override
    public void close() {
        process.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
