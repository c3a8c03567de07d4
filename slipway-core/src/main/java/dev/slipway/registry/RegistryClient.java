package dev.slipway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.image.Digest;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.NetworkClients;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OCI distribution API of one registry, as one identity: blob HEAD, upload (with cross-repository mount),
 * GET; manifest GET and PUT. Answers auth challenges through a {@link RegistryAuthenticator} (once per request:
 * a 401 after a fresh token is final), retries transient failures (connection resets, 5xx, 429) with a short
 * backoff, and streams every blob: bodies come from suppliers of streams, never from byte arrays.
 */
final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SMALL_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final String registry;
    private final URI base;
    private final HttpClient http;
    private final RegistryAuthenticator authenticator;
    private final Events events;
    private final Event.Phase phase;
    private final int maxAttempts;

    RegistryClient(String registry, RegistryTransport transport, HttpClient http, RegistryAuthenticator authenticator,
            Events events, Event.Phase phase) {
        this.registry = registry;
        this.base = URI.create(transport.scheme(registry) + "://" + registry);
        this.http = http;
        this.authenticator = authenticator;
        this.events = events;
        this.phase = phase;
        this.maxAttempts = transport.maxAttempts();
    }

    String registry() {
        return registry;
    }

    RegistryAuthenticator authenticator() {
        return authenticator;
    }

    static List<String> pullPush(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    static List<String> pull(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    /** A manifest as the registry holds it: the exact bytes, their media type and digest. */
    record Manifest(byte[] bytes, String mediaType, Digest digest) {
        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new RegistryException("manifest " + digest + " is not JSON", "check the image", e);
            }
        }
    }

    boolean blobExists(String repository, Digest digest, List<String> scopes) {
        HttpResponse<Void> response = withRetries("check blob " + digest.shortHex(), () -> send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest)).timeout(SMALL_REQUEST_TIMEOUT)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding(), scopes, repository, "pull"));
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw unexpected("HEAD blob " + digest, response.statusCode(), "", repository);
    }

    /**
     * {@code GET /v2/}, the API version check, as this identity (what {@code docker login} does): returns when the
     * registry takes the credentials, else throws {@link AuthenticationException}.
     */
    void checkCredentials() {
        HttpResponse<String> response = withRetries("check the credentials", () -> send(
                () -> HttpRequest.newBuilder(uri("/v2/")).timeout(SMALL_REQUEST_TIMEOUT).GET(),
                HttpResponse.BodyHandlers.ofString(), List.of(), "", "log in"));
        if (response.statusCode() / 100 != 2) {
            throw new RegistryException("registry " + registry + " answered GET /v2/ with HTTP " + response.statusCode() + ": "
                    + registryError(response.body()), "check that " + registry + " is a container registry (OCI distribution API)");
        }
    }

    /**
     * Starts an upload; with {@code mountFrom}, asks the registry to mount the blob from that repository instead.
     *
     * @return empty when the blob was mounted, else the upload location
     */
    Optional<URI> startUpload(String repository, Digest digest, String mountFrom, List<String> scopes) {
        String query = mountFrom == null ? "" : "?mount=" + encode(digest.toString()) + "&from=" + encode(mountFrom);
        HttpResponse<String> response = withRetries("start upload of " + digest.shortHex(), () -> send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/" + query)).timeout(SMALL_REQUEST_TIMEOUT)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString(), scopes, repository, "push"));
        if (response.statusCode() == 201 && mountFrom != null) {
            return Optional.empty();
        }
        if (response.statusCode() != 202) {
            throw unexpected("POST blob upload", response.statusCode(), response.body(), repository);
        }
        String location = response.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                "registry " + registry + " started an upload without a Location", "check the registry"));
        return Optional.of(base.resolve(location));
    }

    /**
     * Uploads a blob monolithically (POST, then one streamed PUT with the digest). A failed attempt (reset,
     * 5xx) restarts the blob with a new upload session: the registry verifies the digest, so nothing half-sent
     * can be committed.
     */
    void uploadBlob(String repository, Digest digest, long size, Supplier<InputStream> content, List<String> scopes,
            URI startedUpload) {
        URI location = startedUpload;
        for (int attempt = 1; ; attempt++) {
            try {
                if (location == null) {
                    location = startUpload(repository, digest, null, scopes).orElseThrow();
                }
                URI put = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest=" + encode(digest.toString()));
                HttpResponse<String> response = send(() -> HttpRequest.newBuilder(put)
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                        HttpRequest.BodyPublishers.ofInputStream(content), size)),
                        HttpResponse.BodyHandlers.ofString(), scopes, repository, "push");
                if (response.statusCode() == 201) {
                    return;
                }
                if (!isTransient(response.statusCode())) {
                    throw unexpected("PUT blob " + digest, response.statusCode(), response.body(), repository);
                }
                if (attempt >= maxAttempts) {
                    throw unexpected("PUT blob " + digest + " (" + attempt + " attempts)", response.statusCode(),
                            response.body(), repository);
                }
                events.warning(phase, digest.toString(), "upload of blob " + digest.shortHex() + " failed with HTTP "
                        + response.statusCode() + "; restarting it (attempt " + (attempt + 1) + " of " + maxAttempts + ")");
            } catch (TransientIoException e) {
                if (attempt >= maxAttempts) {
                    throw e.toRegistryException("upload blob " + digest, attempt);
                }
                events.warning(phase, digest.toString(), "upload of blob " + digest.shortHex() + " was interrupted ("
                        + e.getCause().getClass().getSimpleName() + "); restarting it (attempt " + (attempt + 1) + " of "
                        + maxAttempts + ")");
            }
            location = null;
            backoff(attempt);
        }
    }

    /** A blob's content as a stream (the caller closes it). */
    InputStream openBlob(String repository, Digest digest, List<String> scopes) {
        HttpResponse<InputStream> response = withRetries("get blob " + digest.shortHex(), () -> send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest)).GET(),
                HttpResponse.BodyHandlers.ofInputStream(), scopes, repository, "pull"));
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw unexpected("GET blob " + digest, response.statusCode(),
                        new String(body.readNBytes(2000), StandardCharsets.UTF_8), repository);
            } catch (IOException e) {
                throw unexpected("GET blob " + digest, response.statusCode(), "", repository);
            }
        }
        return response.body();
    }

    /** GETs a manifest by tag or digest, and checks its bytes against the digest asked for or reported. */
    Manifest getManifest(String repository, String reference, List<String> scopes) {
        HttpResponse<byte[]> response = withRetries("get manifest " + reference, () -> send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference)).timeout(SMALL_REQUEST_TIMEOUT)
                        .header("Accept", MediaTypes.ACCEPT).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), scopes, repository, "pull"));
        if (response.statusCode() == 404) {
            throw new RegistryException("image " + registry + "/" + repository + (reference.contains(":") ? "@" : ":")
                    + reference + " does not exist", "check the repository, tag or digest");
        }
        if (response.statusCode() != 200) {
            throw unexpected("GET manifest " + reference, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8), repository);
        }
        Digest actual = sha256(response.body());
        if (reference.startsWith("sha256:") && !reference.equals(actual.toString())) {
            throw new RegistryException("registry " + registry + " served manifest " + reference + " with content of digest "
                    + actual, "the registry or a proxy altered the manifest; do not use this image");
        }
        String mediaType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim())
                .filter(MediaTypes::isManifest).orElseGet(() -> mediaTypeOf(response.body()));
        return new Manifest(response.body(), mediaType, actual);
    }

    /**
     * PUTs a manifest under {@code reference} (a digest first, then each tag), retried on transient failures,
     * and returns the digest the registry reports.
     */
    Digest putManifest(String repository, String reference, String mediaType, byte[] bytes, List<String> scopes) {
        HttpResponse<String> response = withRetries("put manifest " + reference, () -> {
            HttpResponse<String> r = send(
                    () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference)).timeout(SMALL_REQUEST_TIMEOUT)
                            .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                    HttpResponse.BodyHandlers.ofString(), scopes, repository, "push");
            if (isTransient(r.statusCode())) {
                throw new TransientStatusException(r.statusCode(), r.body());
            }
            return r;
        });
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw unexpected("PUT manifest " + reference, response.statusCode(), response.body(), repository);
        }
        Digest expected = sha256(bytes);
        return response.headers().firstValue("Docker-Content-Digest").map(d -> Digest.parse("Docker-Content-Digest", d.trim()))
                .orElse(expected);
    }

    static Digest sha256(byte[] bytes) {
        try {
            return Digest.sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String mediaTypeOf(byte[] manifest) {
        try {
            JsonNode json = JSON.readTree(manifest);
            if (json.hasNonNull("mediaType")) {
                return json.get("mediaType").asText();
            }
            return json.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        } catch (IOException e) {
            throw new RegistryException("a manifest is not JSON", "check the image", e);
        }
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    /** Sends with auth: attach the current authorization; on 401, answer the challenge once and send again. */
    private <T> HttpResponse<T> send(Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler,
            List<String> scopes, String repository, String action) {
        boolean challengeAnswered = false;
        while (true) {
            HttpRequest.Builder builder = request.get();
            authenticator.authorization(scopes).ifPresent(value -> builder.header("Authorization", value));
            HttpResponse<T> response = sendOnce(builder.build(), handler);
            if (response.statusCode() == 401 && !challengeAnswered) {
                discard(response);
                String header = response.headers().firstValue("WWW-Authenticate").orElse(null);
                boolean hadCredentials = response.request().headers().firstValue("Authorization").isPresent();
                authenticator.challenged(header, scopes);
                if (hadCredentials) {
                    events.info(phase, registry, "registry " + registry + " refused the token (expired or revoked);"
                            + " authenticating again");
                }
                challengeAnswered = true;
                continue;
            }
            if ((response.statusCode() == 401 || response.statusCode() == 403) && repository.isEmpty()) {
                throw new AuthenticationException("registry " + registry + " refused " + authenticator.auth().describe()
                        + " (HTTP " + response.statusCode() + "): " + registryError(bodyText(response)),
                        "check the user name and password (or token) for " + registry);
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                String body = bodyText(response);
                throw new AuthenticationException("registry " + registry + " refused " + authenticator.auth().describe()
                        + " to " + action + " repository " + repository + " (HTTP " + response.statusCode() + "): "
                        + registryError(body),
                        "give " + authenticator.auth().describe() + " the right to " + action + " " + repository
                                + (registry.contains(".azurecr.") ? " (role AcrPush to push, AcrPull to pull)" : ""));
            }
            return response;
        }
    }

    private <T> HttpResponse<T> sendOnce(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> response = http.send(request, handler);
            if (response.statusCode() == 407) {
                discard(response);
                throw NetworkClients.proxyRefusal("registry " + registry, 407, null).orElseThrow();
            }
            return response;
        } catch (ConnectException e) {
            throw new TransientIoException(e, true);
        } catch (javax.net.ssl.SSLException e) {
            // a certificate nobody trusts will not become trusted by trying again
            throw new RegistryException("TLS with registry " + registry + " failed: " + e.getMessage(),
                    "if the registry's certificate comes from a private CA, trust it (CLI --ca-file, or the extra CA certificates of the network settings);"
                            + " a local test registry without TLS needs plain HTTP", e);
        } catch (IOException e) {
            NetworkClients.proxyRefusal("registry " + registry, 0, e).ifPresent(refusal -> {
                throw refusal;
            });
            throw new TransientIoException(e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while talking to registry " + registry, null, e);
        }
    }

    private <T> T withRetries(String what, Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (TransientIoException e) {
                if (attempt >= maxAttempts) {
                    throw e.toRegistryException(what, attempt);
                }
                events.warning(phase, registry, what + " failed (" + e.getCause().getClass().getSimpleName() + "); trying again");
            } catch (TransientStatusException e) {
                if (attempt >= maxAttempts) {
                    throw new RegistryException("registry " + registry + " kept failing to " + what + ": HTTP " + e.status
                            + " after " + attempt + " attempts: " + registryError(e.body),
                            "try again later; check the registry's health and storage");
                }
                events.warning(phase, registry, what + " failed with HTTP " + e.status + "; trying again");
            }
            backoff(attempt);
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(2000L, 100L << Math.min(attempt - 1, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry", null, e);
        }
    }

    private static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    private RegistryException unexpected(String what, int status, String body, String repository) {
        return new RegistryException("registry " + registry + " answered " + what + " in repository " + repository
                + " with HTTP " + status + ": " + registryError(body), "check the image and the registry");
    }

    /** The {@code errors[].message} of a registry error body, else the body's start. */
    static String registryError(String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode errors = JSON.readTree(body).get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                StringBuilder text = new StringBuilder();
                for (JsonNode error : errors) {
                    text.append(text.length() == 0 ? "" : "; ").append(error.path("code").asText("")).append(' ')
                            .append(error.path("message").asText(""));
                }
                return text.toString().trim();
            }
        } catch (IOException notJson) {
            // fall through to the raw start
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private static String bodyText(HttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof String text) {
            return text;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readNBytes(4000), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream stream) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the response is dropped anyway
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A connection failure worth retrying; becomes a {@link RegistryException} when attempts run out. */
    private final class TransientIoException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean unreachable;

        TransientIoException(IOException cause, boolean unreachable) {
            super(cause);
            this.unreachable = unreachable;
        }

        RegistryException toRegistryException(String what, int attempts) {
            if (unreachable) {
                return new RegistryException("registry " + registry + " is unreachable at " + base + " (" + getCause() + ")",
                        "check the registry host and port, the network and proxy settings, and whether it speaks "
                                + (base.getScheme().equals("https") ? "HTTPS (use plain HTTP only for a local test registry)"
                                        : "plain HTTP"), getCause());
            }
            return new RegistryException("cannot " + what + " at registry " + registry + " after " + attempts + " attempts: "
                    + getCause(), "check the network between here and " + registry + " and try again", getCause());
        }
    }

    private static final class TransientStatusException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        TransientStatusException(int status, String body) {
            super("HTTP " + status);
            this.status = status;
            this.body = body;
        }
    }
}
