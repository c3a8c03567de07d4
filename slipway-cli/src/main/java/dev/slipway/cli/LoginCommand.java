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
                + " Docker config (mode 600) that is deleted afterwards. The registry is asked first whether it takes the"
                + " credentials (GET /v2/, as docker login does): refused ones end with exit code 3 and the command does not"
                + " run. For ACR with Azure AD the user name is 00000000-0000-0000-0000-000000000000 and the password an ACR"
                + " refresh token.",
        footerHeading = "%nExamples:%n",
        footer = {"  slipway login --registry myacr.azurecr.io --azure workload-identity -- \\",
            "      docker push myacr.azurecr.io/shop/web:1.4.2",
            "  slipway login --registry registry.example --username ci \\",
            "      --password-env REGISTRY_PASSWORD -- helm push chart.tgz \\",
            "      oci://registry.example/charts",
            "Exit code 1 when the command fails (its own code is in the JSON result as commandExitCode).",
            "With -o json the command's own stdout goes to stderr, so stdout holds only the JSON result."})
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
        RegistryLogin.LoginCredentials credentials = new RegistryLogin(transport.apply(context, environment)).checkedCredentials(registry,
                auth.resolve(registry, environment, standardInput), transport.transport());
        try (TemporaryDockerConfig config = TemporaryDockerConfig.write(credentials)) {
            boolean json = output == OutputFormat.json;
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            if (json) {
                builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
            }
            builder.environment().put("DOCKER_CONFIG", config.folder().toString());
            builder.environment().put("REGISTRY_AUTH_FILE", config.file().toString());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new InvalidInputException("command", "cannot run '" + command.get(0) + "': " + e.getMessage(),
                        "check the command name and PATH");
            }
            Thread relay = json ? relay(process) : null;
            try {
                int exit = process.waitFor();
                if (relay != null) {
                    relay.join();
                }
                result(new LoginResult(registry, command.get(0), exit), null);
                return exit == 0 ? OK : FAILED;
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new SlipwayException("interrupted while '" + command.get(0) + "' ran", null, e);
            }
        }
    }

    /** The command's stdout copied to our stderr. */
    private Thread relay(Process process) {
        java.io.PrintWriter err = spec.commandLine().getErr();
        Thread relay = new Thread(() -> {
            try (java.io.Reader reader = new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.Charset.defaultCharset())) {
                char[] buffer = new char[8192];
                for (int read; (read = reader.read(buffer)) >= 0; ) {
                    synchronized (err) {
                        err.write(buffer, 0, read);
                        err.flush();
                    }
                }
            } catch (IOException ignored) {
                // the command closed its stdout; nothing more to relay
            }
        }, "slipway-login-relay");
        relay.setDaemon(true);
        relay.start();
        return relay;
    }

    /**
     * What {@code -o json} reports.
     *
     * @param registry        the registry logged in to
     * @param command         the program that ran (its arguments are not repeated)
     * @param commandExitCode its exit code
     */
    record LoginResult(String registry, String command, int commandExitCode) { }
}
