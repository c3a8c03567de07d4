package dev.slipway.cli;

import dev.slipway.delivery.EngineContext;
import dev.slipway.registry.RegistryLogin;
import dev.slipway.registry.TemporaryDockerConfig;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway login --registry R [auth] -- COMMAND…}: runs COMMAND with a private Docker config for R
 * ({@code DOCKER_CONFIG} and {@code REGISTRY_AUTH_FILE} point at it), deleted when COMMAND ends, also on failure.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Run a command (docker, buildah, skopeo, helm…) logged in to a registry through a private, temporary"
                + " Docker config (mode 600) that is deleted afterwards. For ACR with Azure AD the user name is"
                + " 00000000-0000-0000-0000-000000000000 and the password an ACR refresh token.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the command succeeded", "1:the command or the login failed", "2:bad input",
                "3:authentication refused", "4:timed out"})
final class LoginCommand extends EngineCommand {
    @Option(names = "--registry", required = true, paramLabel = "HOST[:PORT]", description = "The registry to log in to.")
    String registry;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command to run, after --.")
    List<String> command = new ArrayList<>();

    @Mixin
    RegistryAuthOptions auth = new RegistryAuthOptions();

    @Mixin
    TransportOptions transport = new TransportOptions();

    @Override
    int run(EngineContext context) {
        RegistryLogin.LoginCredentials credentials = new RegistryLogin(transport.apply(context, environment)).credentials(registry,
                auth.resolve(registry, environment, stdin), transport.transport());
        try (TemporaryDockerConfig config = TemporaryDockerConfig.write(credentials)) {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("DOCKER_CONFIG", config.folder().toString());
            builder.environment().put("REGISTRY_AUTH_FILE", config.file().toString());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new InvalidInputException("command", "cannot run '" + command.get(0) + "': " + e.getMessage(),
                        "check the command name and PATH");
            }
            try {
                int exit = process.waitFor();
                return exit == 0 ? OK : FAILED;
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new SlipwayException("interrupted while '" + command.get(0) + "' ran", null, e);
            }
        }
    }
}
