package dev.slipway.testsupport.fakes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.slipway.testsupport.registry.TestCertificates;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Base of the HTTP fakes: the JDK HTTP server on a free port of 127.0.0.1, a table of routes
 * (method + path pattern → handler), and a record of every request. A fake stands in for a service no
 * test can reach (Azure AD, ARM, Argo CD, GitHub, Azure DevOps); each answers with the documented
 * example payloads and rejects what the real service rejects. Register as
 * {@code @RegisterExtension static AzureAdFake aad = new AzureAdFake();}: started before the class's
 * tests, stopped after them, also when one fails.
 */
public abstract class FakeHttpServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private record Route(String method, Pattern path, BiFunction<FakeRequest, Matcher, FakeResponse> handler) {}

    private final String name;
    private final List<Route> routes = new ArrayList<>();
    private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
    private Function<FakeRequest, FakeResponse> guard = request -> null;
    private HttpServer server;
    private TestCertificates.KeyAndCertificate tlsCa;

    protected FakeHttpServer(String name) {
        this.name = name;
    }

    /** Adds a route; {@code pathRegex} must match the whole decoded path, its groups go to the handler. */
    protected final void route(String method, String pathRegex, BiFunction<FakeRequest, Matcher, FakeResponse> handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    /**
     * A check run before every route's handler (authentication, api-version, ...): it returns the
     * rejection, or null to let the handler answer.
     */
    protected final void guard(Function<FakeRequest, FakeResponse> check) {
        this.guard = check;
    }

    /** The answer for a path no route knows. */
    protected FakeResponse notFound(FakeRequest request) {
        return FakeResponse.json(404, Map.of("message", "Not Found"));
    }

    /**
     * Serves HTTPS instead of HTTP, with a certificate for 127.0.0.1 from a CA made for this run only
     * ({@link #caCertificatePem()}); for clients that accept nothing but https (MSAL) and for trust tests. Call it
     * before the server starts.
     */
    public synchronized void useTls() {
        if (server != null) {
            throw new IllegalStateException("the " + name + " fake runs already: call useTls() before it starts");
        }
        tlsCa = TestCertificates.certificateAuthority("slipway " + name + " fake CA");
    }

    /** The PEM text of the per-run CA that signed the HTTPS certificate (after {@link #useTls()}). */
    public String caCertificatePem() {
        if (tlsCa == null) {
            throw new IllegalStateException("the " + name + " fake serves plain HTTP: call useTls() first");
        }
        try {
            return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(tlsCa.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }

    /** Starts the server; does nothing if it runs already. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = tlsCa == null ? HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0) : httpsServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " fake", e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    private HttpServer httpsServer() throws IOException {
        TestCertificates.KeyAndCertificate certificate = TestCertificates.serverCertificate(tlsCa);
        try {
            java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "fake".toCharArray();
            keys.setKeyEntry("server", certificate.keyPair().getPrivate(), password,
                    new java.security.cert.Certificate[] {certificate.certificate(), tlsCa.certificate()});
            javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                    new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(context));
            return https;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the " + name + " fake", e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The base URL without a trailing slash, e.g. {@code http://127.0.0.1:40123} ({@code https} after {@link #useTls()}). */
    public String url() {
        if (server == null) {
            throw new IllegalStateException("the " + name + " fake is not running: register it with "
                    + "@RegisterExtension on a static field, or call start()");
        }
        return (tlsCa == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received, in order. */
    public List<FakeRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String query = exchange.getRequestURI().getRawQuery();
            FakeRequest request = new FakeRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query == null ? "" : query, Map.copyOf(headers),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            FakeResponse response;
            try {
                response = dispatch(request);
            } catch (RuntimeException e) {
                response = FakeResponse.json(500, Map.of("message", "fake failed: " + e));
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            response.headers().forEach((key, value) -> exchange.getResponseHeaders().set(key, value));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private FakeResponse dispatch(FakeRequest request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(request.path());
            if (matcher.matches()) {
                pathKnown = true;
                if (route.method().equals(request.method())) {
                    FakeResponse rejected = guard.apply(request);
                    return rejected != null ? rejected : route.handler().apply(request, matcher);
                }
            }
        }
        return pathKnown ? FakeResponse.json(405, Map.of("message", "Method Not Allowed")) : notFound(request);
    }

    /** The JSON body as a map, or null when it is not a JSON object. */
    protected static Map<String, Object> jsonObject(String body) {
        try {
            return FakeResponse.JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
