package dev.slipway.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment: {@code --poll-interval} is read from {@code SLIPWAY_POLL_INTERVAL} when the
 * flag is not given, so precedence is flags, then environment variables, then the option's own default (and a
 * {@code slipway.yaml}, where a command reads one, below the environment). Help and version options are not read.
 * Secrets are never option values, so this never carries one: {@code --password-env VAR} names a variable.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
    static final String PREFIX = "SLIPWAY_";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    /** {@code --git-password-env} → {@code SLIPWAY_GIT_PASSWORD_ENV}. */
    static String variableOf(OptionSpec option) {
        return PREFIX + option.longestName().replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = environment.get(variableOf(option));
        return value == null || value.isBlank() ? null : value;
    }
}
