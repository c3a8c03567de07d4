package dev.slipway.testsupport.git;

import dev.slipway.testsupport.process.RequiredBinary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the git CLI for tests, isolated from the machine's own git configuration (no global or system
 * config, a fixed author), with extra environment such as a server's credentials.
 */
public final class GitCli {
    private static final RequiredBinary GIT = RequiredBinary.of("git", "git");

    private final Map<String, String> environment;

    /** {@code environment} is added to each call, e.g. {@link GitServer#gitEnvironment()}. */
    public GitCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code git args...} in {@code workDir}; returns stdout, or fails with exit code and stderr. */
    public String run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(GIT.require().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_AUTHOR_NAME", "Slipway Test");
        env.put("GIT_AUTHOR_EMAIL", "test@slipway.invalid");
        env.put("GIT_COMMITTER_NAME", "Slipway Test");
        env.put("GIT_COMMITTER_EMAIL", "test@slipway.invalid");
        env.putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new GitCommandException("git " + args[0] + " did not finish within 120 s", -1, "");
            }
            if (process.exitValue() != 0) {
                throw new GitCommandException("git " + String.join(" ", args) + " failed with exit code "
                        + process.exitValue() + ":\n" + err.join(), process.exitValue(), err.join());
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        });
    }

    /** A git command that exited non-zero; {@link #stderr()} holds what git said. */
    public static final class GitCommandException extends RuntimeException {
        private final int exitCode;
        private final String stderr;

        GitCommandException(String message, int exitCode, String stderr) {
            super(message);
            this.exitCode = exitCode;
            this.stderr = stderr;
        }

        public int exitCode() {
            return exitCode;
        }

        public String stderr() {
            return stderr;
        }
    }
}
