package dev.slipway.testsupport.registry;

import dev.slipway.testsupport.process.FreePorts;
import dev.slipway.testsupport.process.ManagedProcess;
import dev.slipway.testsupport.process.PerClassServer;
import dev.slipway.testsupport.process.RequiredBinary;
import dev.slipway.testsupport.process.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real Docker registry (Debian {@code docker-registry}, distribution 2.8) on 127.0.0.1, one per test
 * class: {@code @RegisterExtension static RegistryServer registry = RegistryServer.noAuth();}.
 * It starts before all tests with its own temp folder and config, and is stopped by PID after them,
 * also when a test fails. Outside JUnit use {@link #start()} and {@link #close()}.
 *
 * <p>Flavours: {@link #noAuth()}, {@link #htpasswd()} (bcrypt), {@link #tls()} (CA generated per run,
 * see {@link #certDir()}), {@link #token()} (a {@link TokenServer} the registry trusts). Deleting is
 * enabled. Secrets (passwords, keys, auth files) live only in the temp folder, removed on close.
 */
public final class RegistryServer implements PerClassServer {
    /** The docker-registry binary and the package that installs it. */
    public static final RequiredBinary BINARY = RequiredBinary.of("docker-registry", "docker-registry");
    /** The registry's name in token auth ({@code service}, token audience). */
    public static final String TOKEN_SERVICE = "slipway-test-registry";
    /** The token issuer the registry trusts. */
    public static final String TOKEN_ISSUER = "slipway-test-token-server";

    private enum Auth { NONE, HTPASSWD, TOKEN }

    private final Auth auth;
    private final boolean tls;
    private Path dir;
    private int port;
    private ManagedProcess process;
    private Credentials credentials;
    private TestCertificates.KeyAndCertificate ca;
    private TokenServer tokenServer;
    private final boolean acr;
    private AcrTokenEndpoints acrEndpoints;

    private RegistryServer(Auth auth, boolean tls) {
        this(auth, tls, false);
    }

    private RegistryServer(Auth auth, boolean tls, boolean acr) {
        this.auth = auth;
        this.tls = tls;
        this.acr = acr;
    }

    /**
     * Plain HTTP with token auth the way ACR does it: the realm is the token server's {@code /oauth2/token}, which
     * also serves {@code /oauth2/exchange} ({@link #acrEndpoints()}); basic auth with {@link #credentials()} works
     * on {@code GET /oauth2/token} as with an ACR admin user or scoped token.
     */
    public static RegistryServer acr() {
        return new RegistryServer(Auth.TOKEN, false, true);
    }

    /** ACR's exchange and token endpoints ({@link #acr()} flavour only). */
    public AcrTokenEndpoints acrEndpoints() {
        requireStarted();
        if (acrEndpoints == null) {
            throw new IllegalStateException("this registry has no ACR token endpoints; use RegistryServer.acr()");
        }
        return acrEndpoints;
    }

    /** Plain HTTP, anyone may push and pull. */
    public static RegistryServer noAuth() {
        return new RegistryServer(Auth.NONE, false);
    }

    /** Plain HTTP with basic auth from an htpasswd file (bcrypt) holding {@link #credentials()}. */
    public static RegistryServer htpasswd() {
        return new RegistryServer(Auth.HTPASSWD, false);
    }

    /** HTTPS with a server certificate from a CA generated per run; no auth. */
    public static RegistryServer tls() {
        return new RegistryServer(Auth.NONE, true);
    }

    /**
     * Plain HTTP with token auth: the registry sends clients to {@link #tokenServer()}, which wants
     * {@link #credentials()} as basic auth and mints JWTs the registry trusts.
     */
    public static RegistryServer token() {
        return new RegistryServer(Auth.TOKEN, false);
    }

    /** Starts the registry and waits until it listens. */
    @Override
    public RegistryServer start() {
        if (process != null) {
            throw new IllegalStateException("registry already started on " + hostPort());
        }
        Path binary = BINARY.require();
        try {
            dir = TempFolders.create("slipway-registry-");
            port = FreePorts.next();
            Path config = Files.writeString(dir.resolve("config.yml"), config(), StandardCharsets.UTF_8);
            process = ManagedProcess.start("docker-registry", List.of(binary.toString(), "serve", config.toString()),
                    dir, Map.of());
            process.awaitPort(port, Duration.ofSeconds(30));
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot prepare the registry's temp folder", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private String config() throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("version: 0.1\n")
                .append("log:\n  level: info\n")
                .append("storage:\n")
                .append("  filesystem:\n    rootdirectory: ").append(quoted(dir.resolve("data"))).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
                .append("http:\n")
                .append("  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: ").append(randomHex()).append('\n');
        if (tls) {
            ca = TestCertificates.certificateAuthority("Slipway test CA");
            TestCertificates.KeyAndCertificate server = TestCertificates.serverCertificate(ca);
            ca.writeCertificatePem(dir.resolve("certs").resolve("ca.crt"));
            yaml.append("  tls:\n")
                    .append("    certificate: ")
                    .append(quoted(server.writeCertificatePem(dir.resolve("tls").resolve("server.crt")))).append('\n')
                    .append("    key: ")
                    .append(quoted(server.writePrivateKeyPem(dir.resolve("tls").resolve("server.key")))).append('\n');
        }
        switch (auth) {
            case NONE -> { }
            case HTPASSWD -> {
                credentials = Credentials.generate("slipway-test");
                // the lowest bcrypt cost: the registry checks the hash on every request
                String hash = OpenBSDBCrypt.generate("2y", credentials.password().toCharArray(), salt(), 4);
                Path htpasswd = Files.writeString(dir.resolve("htpasswd"), credentials.username() + ":" + hash + "\n");
                yaml.append("auth:\n  htpasswd:\n    realm: slipway-test-registry\n    path: ")
                        .append(quoted(htpasswd)).append('\n');
            }
            case TOKEN -> {
                credentials = Credentials.generate("slipway-test");
                tokenServer = TokenServer.start(TOKEN_SERVICE, TOKEN_ISSUER, Optional.of(credentials), dir);
                if (acr) {
                    acrEndpoints = AcrTokenEndpoints.install(tokenServer);
                }
                yaml.append("auth:\n  token:\n")
                        .append("    realm: ").append(acr ? acrEndpoints.realm() : tokenServer.realm()).append('\n')
                        .append("    service: ").append(TOKEN_SERVICE).append('\n')
                        .append("    issuer: ").append(TOKEN_ISSUER).append('\n')
                        .append("    rootcertbundle: ").append(quoted(tokenServer.signingCertificatePem())).append('\n');
            }
            default -> throw new IllegalStateException(auth.toString());
        }
        return yaml.toString();
    }

    /** {@code 127.0.0.1:port}, the registry part of image references. */
    public String hostPort() {
        requireStarted();
        return "127.0.0.1:" + port;
    }

    /** The PID of the docker-registry process. */
    public long pid() {
        requireStarted();
        return process.pid();
    }

    public int port() {
        requireStarted();
        return port;
    }

    /** {@code http://127.0.0.1:port} or {@code https://...} for the TLS flavour. */
    public URI baseUri() {
        return URI.create((tls ? "https://" : "http://") + hostPort());
    }

    public boolean isTls() {
        return tls;
    }

    /** The throwaway user (htpasswd, token flavours); empty when the registry has no auth. */
    public Optional<Credentials> credentials() {
        requireStarted();
        return Optional.ofNullable(credentials);
    }

    /** The token server (token flavour only). */
    public TokenServer tokenServer() {
        requireStarted();
        if (tokenServer == null) {
            throw new IllegalStateException("this registry has no token server; use RegistryServer.token()");
        }
        return tokenServer;
    }

    /** PEM of the CA that signed the server certificate (TLS flavour only). */
    public Path caCertificatePem() {
        return certDir().resolve("ca.crt");
    }

    /** A folder holding {@code ca.crt}, as skopeo/buildah {@code --cert-dir} expect (TLS flavour only). */
    public Path certDir() {
        requireTls();
        return dir.resolve("certs");
    }

    /** A trust store holding only the run's CA (TLS flavour only). */
    public KeyStore trustStore() {
        requireTls();
        return TestCertificates.trustStore(ca.certificate());
    }

    /** An SSL context trusting only the run's CA, for Java HTTP clients (TLS flavour only). */
    public SSLContext sslContext() {
        requireTls();
        return TestCertificates.sslContextTrusting(ca.certificate());
    }

    /**
     * Writes a containers/docker auth file ({@code {"auths":{host:{"auth":base64}}}}) with
     * {@link #credentials()} for this registry and for {@code extraHosts} (e.g. a fault proxy in
     * front of it), for {@code --authfile}. It lives in the temp folder and is removed on close.
     */
    public Path writeAuthFile(String... extraHosts) {
        Credentials user = credentials().orElseThrow(
                () -> new IllegalStateException("this registry has no auth; no auth file is needed"));
        StringBuilder json = new StringBuilder("{\"auths\":{");
        List<String> hosts = Stream.concat(Stream.of(hostPort()), Stream.of(extraHosts)).toList();
        for (int i = 0; i < hosts.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(hosts.get(i)).append("\":{\"auth\":\"")
                    .append(user.base64UserColonPassword()).append("\"}");
        }
        json.append("}}");
        try {
            Path file = dir.resolve("auth").resolve("auth-" + randomHex() + ".json");
            Files.createDirectories(file.getParent());
            return Files.writeString(file, json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the auth file", e);
        }
    }

    /** The registry's storage root (blobs and repositories), for assertions on what was stored. */
    public Path dataDir() {
        requireStarted();
        return dir.resolve("data");
    }

    /** The registry's output so far (access log and errors), for failure messages. */
    public String logText() {
        return process == null ? "(not started)" : process.logText();
    }

    /** Stops the registry (and its token server) and deletes its temp folder. Safe to call twice. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
        if (tokenServer != null) {
            tokenServer.close();
            tokenServer = null;
        }
        if (dir != null) {
            TempFolders.deleteQuietly(dir);
            dir = null;
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the registry is not running; register it with @RegisterExtension "
                    + "on a static field, or call start()");
        }
    }

    private void requireTls() {
        requireStarted();
        if (!tls) {
            throw new IllegalStateException("this registry serves plain HTTP; use RegistryServer.tls()");
        }
    }

    private static String quoted(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
