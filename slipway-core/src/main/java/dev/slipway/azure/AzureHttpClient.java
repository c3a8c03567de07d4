package dev.slipway.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import dev.slipway.support.NetworkClients;
import dev.slipway.support.NetworkSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * azure-core's HTTP client interface on the JDK HTTP client of the engine's {@link NetworkSettings}, handed to
 * azure-identity explicitly, so Azure AD calls take the configured proxy and trust and azure-core never looks a
 * client up through ServiceLoader (which fails through the Jenkins remote class loader). Bodies are small (token
 * requests), so both directions are buffered.
 */
final class AzureHttpClient implements HttpClient {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient http;
    private final Duration timeout;

    private AzureHttpClient(java.net.http.HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    static AzureHttpClient of(NetworkSettings network) {
        return new AzureHttpClient(NetworkClients.http(network, java.net.http.HttpClient.Redirect.NEVER), network.readTimeout());
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromCallable(() -> sendSync(request, Context.NONE));
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return Mono.fromCallable(() -> sendSync(request, context));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        java.net.http.HttpRequest.Builder builder;
        try {
            builder = java.net.http.HttpRequest.newBuilder(request.getUrl().toURI()).timeout(timeout);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + request.getUrl(), e);
        }
        request.getHeaders().forEach(header -> {
            if (!RESTRICTED.contains(header.getName().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValues()) {
                    builder.header(header.getName(), value);
                }
            }
        });
        BinaryData body = request.getBodyAsBinaryData();
        builder.method(request.getHttpMethod().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toBytes()));
        try {
            java.net.http.HttpResponse<byte[]> response = http.send(builder.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::set);
            return new BufferedResponse(request, response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + request.getUrl().getProtocol() + "://"
                    + request.getUrl().getAuthority() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + request.getUrl().getAuthority(), e);
        }
    }

    private static final class BufferedResponse extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        BufferedResponse(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
            super(request);
            this.status = status;
            this.headers = headers;
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return getBodyAsString(StandardCharsets.UTF_8);
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return BinaryData.fromBytes(body);
        }
    }
}
