package dev.slipway.cli;

import dev.slipway.azure.AzureCloud;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the CLI authenticates to a registry. Secrets come only from environment variables, files or stdin, never
 * from an option's value: command lines are visible to every user of the machine ({@code ps}).
 */
final class RegistryAuthOptions {
    @Option(names = "--username", paramLabel = "USER",
            description = "User name for basic auth (ACR admin user, ACR token name, any registry). The password comes"
                    + " from --password-env, --password-file or --password-stdin.")
    String username;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password (trailing newline ignored).")
    Path passwordFile;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--acr-refresh-token-env", paramLabel = "VAR", description = "Environment variable holding an ACR refresh token.")
    String acrRefreshTokenEnv;

    @Mixin
    AzureIdentityOptions azure = new AzureIdentityOptions();

    RegistryAuth resolve(String registry, Map<String, String> env, SecretSources.StandardInput stdin) {
        if (azure.given()) {
            return new RegistryAuth.AzureAd(azure.identity(AzureCloud.ofRegistryHost(registry).orElse(AzureCloud.AZURE_PUBLIC), env),
                    azure.authorityHost);
        }
        if (acrRefreshTokenEnv != null) {
            return new RegistryAuth.AcrRefreshToken(fromEnv(env, acrRefreshTokenEnv, "acr-refresh-token-env"));
        }
        if (username != null) {
            return new RegistryAuth.Basic(username, password(env, stdin));
        }
        if (passwordEnv != null || passwordFile != null || passwordStdin) {
            throw new InvalidInputException("username", "a password was given without a user name",
                    "add --username (for an ACR token exchanged elsewhere use --acr-refresh-token-env)");
        }
        return new RegistryAuth.Anonymous();
    }

    private Secret password(Map<String, String> env, SecretSources.StandardInput stdin) {
        int sources = (passwordEnv != null ? 1 : 0) + (passwordFile != null ? 1 : 0) + (passwordStdin ? 1 : 0);
        if (sources != 1) {
            throw new InvalidInputException("password", sources == 0 ? "--username needs a password" : "more than one password source",
                    "give exactly one of --password-env VAR, --password-file FILE or --password-stdin");
        }
        if (passwordEnv != null) {
            return fromEnv(env, passwordEnv, "password-env");
        }
        if (passwordFile != null) {
            return fromFile(passwordFile, "password-file");
        }
        return stdin.secret("--password-stdin", "--password-env or --password-file");
    }

    private static Secret fromEnv(Map<String, String> env, String variable, String option) {
        return SecretSources.fromEnv(env, variable, option);
    }

    private static Secret fromFile(Path file, String option) {
        return SecretSources.fromFile(file, option);
    }
}
