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

    /**
     * Starts real processes; stdin is empty, so a builder that asks a question fails instead of hanging. An
     * interrupt (an aborted Jenkins build) stops the process and everything it started.
     */
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
            // reading a pipe cannot be interrupted, so a second thread reads while this one waits interruptibly
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.accept(line);
                    }
                } catch (IOException closed) {
                    // the process was stopped
                }
            }, "output of " + command.argv().get(0));
            reader.setDaemon(true);
            reader.start();
            try {
                int exit = process.waitFor();
                reader.join();
                return exit;
            } catch (InterruptedException e) {
                stop(process);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: stopped " + command.argv().get(0), e);
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

    /** Kills a process tree and waits (briefly) until it is gone, so nothing keeps writing into the workspace. */
    private static void stop(Process process) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException gone) {
                // already reaped, or will be
            }
        }
    }
}
