package dev.slipway.testsupport.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test token server for registry token auth (JDK {@link HttpServer} on 127.0.0.1). It mints RS256
 * JWTs whose header carries the signing certificate as {@code x5c}; the registry trusts that
 * certificate through {@code rootcertbundle}.
 *
 * <p>It serves the Docker token endpoint {@code GET /token?service=..&scope=..} and grants every
 * requested scope (it is not an authorization policy). When created with credentials it requires
 * them as HTTP basic auth. More endpoints (e.g. ACR's {@code POST /oauth2/exchange} and
 * {@code POST /oauth2/token}) are added with {@link #route(String, String, Route)}.
 */
public final class TokenServer implements AutoCloseable {
    /** The token endpoint's path, the registry's {@code realm}. */
    public static final String TOKEN_PATH = "/token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String service;
    private final String issuer;
    private final Optional<Credentials> credentials;
    private final TestCertificates.KeyAndCertificate signingKey;
    private final Path signingCertificatePem;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;

    /** Handles one request to a route; runs on the server's threads. */
    @FunctionalInterface
    public interface Route {
        Response handle(Request request) throws IOException;
    }

    /**
     * A request as a route sees it: query and form parameters merged in {@code parameters} (a name
     * may repeat, e.g. {@code scope}); basic-auth credentials already parsed. The password is not
     * recorded in {@link #requests()}.
     */
    public record Request(String method, String path, Map<String, List<String>> parameters,
            Map<String, List<String>> headers, Optional<Credentials> basicAuth) {
        /** The first value of a parameter, if any. */
        public Optional<String> parameter(String name) {
            return parameters.getOrDefault(name, List.of()).stream().findFirst();
        }

        /** All values of a parameter, in order. */
        public List<String> parameters(String name) {
            return parameters.getOrDefault(name, List.of());
        }

        /** The same request without its password, for the request log. */
        Request withoutPassword() {
            return new Request(method, path, parameters, Map.of(),
                    basicAuth.map(c -> new Credentials(c.username(), "")));
        }
    }

    /** A JSON response. */
    public record Response(int status, Object jsonBody, Map<String, String> headers) {
        public static Response json(int status, Object body) {
            return new Response(status, body, Map.of());
        }

        /** An OAuth-style error body {@code {"error":..., "error_description":...}}. */
        public static Response error(int status, String error, String description) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", error);
            body.put("error_description", description);
            return new Response(status, body, Map.of());
        }
    }

    private TokenServer(String service, String issuer, Optional<Credentials> credentials, Path dir) {
        this.service = service;
        this.issuer = issuer;
        this.credentials = credentials;
        this.signingKey = TestCertificates.selfSignedSigningCertificate(issuer);
        this.signingCertificatePem = signingKey.writeCertificatePem(dir.resolve("token-signing.crt"));
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the token server on 127.0.0.1", e);
        }
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "token-server-" + service);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        route("GET", TOKEN_PATH, this::dockerToken);
    }

    /**
     * Starts a token server for registry {@code service}, signing as {@code issuer}. With
     * {@code credentials}, the token endpoint needs them as basic auth; without, it is anonymous.
     * The signing certificate is written to {@code dir}.
     */
    public static TokenServer start(String service, String issuer, Optional<Credentials> credentials, Path dir) {
        TokenServer tokenServer = new TokenServer(service, issuer, credentials, dir);
        tokenServer.server.start();
        return tokenServer;
    }

    /** Adds or replaces the handler for {@code method} {@code path} (exact path match). */
    public TokenServer route(String method, String path, Route route) {
        routes.put(method + " " + path, route);
        return this;
    }

    /** {@code http://127.0.0.1:port}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The token endpoint URL, used as the registry's {@code realm}. */
    public URI realm() {
        return baseUri().resolve(TOKEN_PATH);
    }

    public String service() {
        return service;
    }

    public String issuer() {
        return issuer;
    }

    /** The basic-auth credentials the token endpoint requires, if any. */
    public Optional<Credentials> credentials() {
        return credentials;
    }

    /** The signing key and its self-signed certificate (the one in the JWT {@code x5c}). */
    public TestCertificates.KeyAndCertificate signingKey() {
        return signingKey;
    }

    /** PEM of the signing certificate: the registry's {@code rootcertbundle}. */
    public Path signingCertificatePem() {
        return signingCertificatePem;
    }

    /** Every request received, in order, without passwords. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** A token for {@code subject} granting {@code scopes}, valid for five minutes. */
    public String mint(String subject, List<String> scopes) {
        return mint(subject, scopes, Duration.ofMinutes(5));
    }

    /**
     * A registry JWT for {@code subject} granting {@code scopes} (Docker scope strings such as
     * {@code repository:team/app:pull,push}), audience {@link #service()}, issuer {@link #issuer()}.
     * A negative {@code lifetime} mints an expired token.
     */
    public String mint(String subject, List<String> scopes, Duration lifetime) {
        Instant now = Instant.now();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        try {
            header.put("x5c", List.of(Base64.getEncoder().encodeToString(signingKey.certificate().getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the signing certificate", e);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", service);
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("nbf", now.minusSeconds(60).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", scopes.stream().map(TokenServer::access).toList());
        String signingInput = base64Json(header) + "." + base64Json(claims);
        return signingInput + "." + BASE64URL.encodeToString(rs256(signingInput));
    }

    private Response dockerToken(Request request) {
        if (credentials.isPresent() && !request.basicAuth().equals(credentials)) {
            return new Response(401, Map.of("errors", List.of(Map.of("code", "UNAUTHORIZED",
                    "message", "basic auth with the test credentials is required"))),
                    Map.of("WWW-Authenticate", "Basic realm=\"" + service + "\""));
        }
        Optional<String> requestedService = request.parameter("service");
        if (requestedService.isPresent() && !requestedService.get().equals(service)) {
            return Response.error(400, "invalid_request",
                    "service '" + requestedService.get() + "' is unknown; this token server serves '" + service + "'");
        }
        String subject = request.basicAuth().map(Credentials::username).orElse("anonymous");
        int lifetime = 300;
        String token = mint(subject, request.parameters("scope"), Duration.ofSeconds(lifetime));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", lifetime);
        body.put("issued_at", Instant.now().toString());
        return Response.json(200, body);
    }

    private static Map<String, Object> access(String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("scope '" + scope + "' is not type:name:actions, e.g. repository:app:pull");
        }
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("type", scope.substring(0, first));
        access.put("name", scope.substring(first + 1, last));
        access.put("actions", List.of(scope.substring(last + 1).split(",")));
        return access;
    }

    private byte[] rs256(String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey.keyPair().getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
    }

    private static String base64Json(Object value) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = parse(exchange);
            requests.add(request.withoutPassword());
            Route route = routes.get(request.method() + " " + request.path());
            Response response;
            try {
                response = route == null
                        ? Response.error(404, "not_found", "no route " + request.method() + " " + request.path())
                        : route.handle(request);
            } catch (RuntimeException e) {
                response = Response.error(400, "invalid_request", String.valueOf(e.getMessage()));
            }
            byte[] body = JSON.writeValueAsBytes(response.jsonBody());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Request parse(HttpExchange exchange) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        addParameters(exchange.getRequestURI().getRawQuery(), parameters);
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        try (InputStream body = exchange.getRequestBody()) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                addParameters(text, parameters);
            }
        }
        Optional<Credentials> basicAuth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .map(value -> new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8))
                .filter(pair -> pair.contains(":"))
                .map(pair -> new Credentials(pair.substring(0, pair.indexOf(':')), pair.substring(pair.indexOf(':') + 1)));
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), parameters, headers, basicAuth);
    }

    private static void addParameters(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
