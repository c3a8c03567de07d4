package dev.slipway.cli;

import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI takes secrets from: environment variables, files and standard input, never flags (flags end
 * up in shell history and process lists). Errors name the option and never quote a value.
 */
final class SecretSources {
    private SecretSources() {}

    static Secret fromEnv(Map<String, String> env, String variable, String option) {
        return nonEmpty(env.get(variable), option, "environment variable " + variable,
                "export " + variable + " with the secret before running slipway");
    }

    /** The variable's value without surrounding white space, or {@code null} when it is unset or blank (an optional secret). */
    static Secret fromEnvIfSet(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : Secret.of(value.strip());
    }

    /** The first source given: standard input when asked, else the file, else the variable when set; {@code null} if none. */
    static Secret firstOf(boolean stdinWanted, StandardInput stdin, String stdinOption, String otherSources, Path file,
            String fileOption, Map<String, String> env, String variable) {
        if (stdinWanted) {
            return stdin.secret(stdinOption, otherSources);
        }
        if (file != null) {
            return fromFile(file, fileOption);
        }
        return fromEnvIfSet(env, variable);
    }

    /** A whole file that is a secret as it is (a kubeconfig, a private key). */
    static Secret wholeFile(Path file, String option) {
        return Secret.of(readFile(file, option));
    }

    /** The file's content without trailing white space. */
    static Secret fromFile(Path file, String option) {
        return nonEmpty(readFile(file, option).strip(), option, "file " + file, "put the secret in the file");
    }

    /**
     * A command's standard input as a secret source: read once, at the first option that asks. The same option
     * asking again (copy authenticates to two registries with one identity) gets the same secret; a second
     * {@code -stdin} option is refused with a usage error naming both, since standard input holds one secret.
     */
    static final class StandardInput {
        private final InputStream stream;
        private String readFor;
        private Secret secret;

        StandardInput(InputStream stream) {
            this.stream = stream;
        }

        /**
         * @param option       the option that wants the secret, e.g. {@code --password-stdin}
         * @param otherSources that option's other sources, named in the fix, e.g. {@code --password-env or --password-file}
         */
        synchronized Secret secret(String option, String otherSources) {
            if (readFor == null) {
                secret = fromStdin(stream, option);
                readFor = option;
                return secret;
            }
            if (readFor.equals(option)) {
                return secret;
            }
            throw new InvalidInputException(option, "standard input holds one secret and " + readFor + " already reads it",
                    "give " + option + "'s secret with " + otherSources + " instead (or " + readFor + "'s with its -env or -file"
                            + " option)");
        }
    }

    private static Secret fromStdin(InputStream stdin, String option) {
        try {
            return nonEmpty(new String(stdin.readAllBytes(), StandardCharsets.UTF_8).strip(), option, "standard input",
                    "pipe the secret in");
        } catch (IOException e) {
            throw new InvalidInputException(option, "cannot read standard input", "pipe the secret in");
        }
    }

    /** A whole file (a private key, known_hosts), as it is. */
    static String readFile(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(option, "cannot read " + file, "check the path and its permissions");
        }
    }

    private static Secret nonEmpty(String value, String option, String where, String fix) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(option, where + " is empty or not set", fix);
        }
        return Secret.of(value);
    }
}
