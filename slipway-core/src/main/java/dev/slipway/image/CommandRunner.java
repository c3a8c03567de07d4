package dev.slipway.image;

import dev.slipway.support.SecretMasker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a builder's child process (buildah, docker, tar). The port exists so tests can record the argv of real
 * runs; {@link #system()} is the only implementation that starts processes.
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code command} to its end, handing each output line (stdout and stderr merged) to {@code output}. */
    int run(Command command, Consumer<String> output);

    /**
     * A child process: its argv, the variables added to the inherited environment, its working folder.
     * No secret may be in argv or environment; secrets reach builders only as files.
     */
    record Command(List<String> argv, Map<String, String> environment, Path directory) {
        public Command {
            argv = List.copyOf(argv);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(directory, "directory");
        }

        /** The command line as shown in the build log. */
        public String display() {
            return String.join(" ", argv);
        }
    }

    /** Starts real processes; stdin is empty, so a builder that asks a question fails instead of hanging. */
    static CommandRunner system() {
        return (command, output) -> {
            ProcessBuilder builder = new ProcessBuilder(command.argv())
                    .directory(command.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(command.environment());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command.argv().get(0), e);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.accept(line);
                }
                return process.waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the output of " + command.argv().get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + command.argv().get(0) + " ran", e);
            } finally {
                if (process.isAlive()) {
                    // interrupted or failed reading: stop the builder and whatever it started
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        };
    }

    /**
     * This runner, refusing to start a process whose argv or environment holds a registered secret: the last line
     * of defence for "never in argv" (argv is visible to every user of the agent in {@code ps}).
     */
    default CommandRunner refusingSecretsIn(SecretMasker masker) {
        CommandRunner delegate = this;
        return (command, output) -> {
            for (String value : command.argv()) {
                if (!value.equals(masker.mask(value))) {
                    throw new IllegalStateException("refusing to start " + command.argv().get(0)
                            + ": a secret would be on its command line (" + masker.mask(value) + ")");
                }
            }
            for (String value : command.environment().values()) {
                if (!value.equals(masker.mask(value))) {
                    throw new IllegalStateException("refusing to start " + command.argv().get(0)
                            + ": a secret would be in its environment");
                }
            }
            return delegate.run(command, output);
        };
    }
}
