package dev.slipway.testsupport.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The ACR-style token server as a process of its own, for the demo ({@code scripts/demo.sh}): a local
 * {@code docker-registry} with {@code auth.token} sends clients to it, and it answers ACR's endpoints
 * ({@code GET /oauth2/token} with basic auth, as for an ACR admin user or scoped token; {@code POST
 * /oauth2/exchange} and {@code POST /oauth2/token}). A test stand-in for ACR's token service, not a product.
 *
 * <p>Usage: {@code java -cp ... AcrStyleTokenServerMain DIR SERVICE}, with the user name and password in the
 * environment variables {@value #USERNAME_VARIABLE} and {@value #PASSWORD_VARIABLE} (never on the command line).
 * It writes its signing certificate and {@value #CONFIG_FILE} into DIR: the registry's {@code auth.token} block
 * (realm, service, issuer, rootcertbundle), written once it answers. It runs until it is stopped (SIGTERM).
 */
public final class AcrStyleTokenServerMain {
    public static final String USERNAME_VARIABLE = "SLIPWAY_TOKEN_SERVER_USERNAME";
    public static final String PASSWORD_VARIABLE = "SLIPWAY_TOKEN_SERVER_PASSWORD";
    public static final String CONFIG_FILE = "registry-auth.yml";
    static final String ISSUER = "slipway-acr-style-token-server";

    private AcrStyleTokenServerMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: AcrStyleTokenServerMain DIR SERVICE (credentials in $" + USERNAME_VARIABLE
                    + " and $" + PASSWORD_VARIABLE + ")");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String service = args[1];
        String username = System.getenv(USERNAME_VARIABLE);
        String password = System.getenv(PASSWORD_VARIABLE);
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            System.err.println("set $" + USERNAME_VARIABLE + " and $" + PASSWORD_VARIABLE + " to the user the token endpoint"
                    + " accepts");
            System.exit(2);
        }
        Files.createDirectories(dir);
        TokenServer server = TokenServer.start(service, ISSUER, Optional.of(new Credentials(username, password)), dir);
        AcrTokenEndpoints endpoints = AcrTokenEndpoints.install(server);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "token-server-stop"));
        writeAtomically(dir.resolve(CONFIG_FILE), registryAuthBlock(endpoints.realm().toString(), service,
                server.signingCertificatePem()));
        System.out.println("ACR-style token server on " + server.baseUri() + " (realm " + endpoints.realm() + ")");
        System.out.flush();
        stopped.await();
    }

    /** The {@code auth:} block of a docker-registry configuration that trusts this server. */
    static String registryAuthBlock(String realm, String service, Path certificate) {
        return "auth:\n  token:\n"
                + "    realm: " + realm + "\n"
                + "    service: " + service + "\n"
                + "    issuer: " + ISSUER + "\n"
                + "    rootcertbundle: " + certificate.toAbsolutePath() + "\n";
    }

    // the demo waits for the file: a reader must never see half of it
    private static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
