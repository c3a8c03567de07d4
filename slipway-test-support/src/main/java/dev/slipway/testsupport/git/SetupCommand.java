package dev.slipway.testsupport.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a short setup program (htpasswd, ssh-keygen): input on stdin, failure with its output. */
final class SetupCommand {
    private SetupCommand() {}

    static void run(List<String> command, String stdin) {
        String program = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(program + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }
}
