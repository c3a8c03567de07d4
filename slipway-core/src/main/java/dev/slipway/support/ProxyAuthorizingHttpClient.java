package dev.slipway.support;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK client that sends the proxy credentials with every request that goes through the proxy. Not the JDK's
 * {@link Authenticator}: with one installed, the JDK drops the caller's own {@code Authorization} header (bearer
 * tokens for ARM, registries) and fails on a server's 401 without a challenge. The JDK sends the header to the
 * proxy only (never to a server reached directly), and into a CONNECT only when Basic is allowed for tunnels.
 */
final class ProxyAuthorizingHttpClient extends HttpClient {
    private final HttpClient delegate;
    private final NetworkSettings network;
    private final Secret authorization;

    ProxyAuthorizingHttpClient(HttpClient delegate, NetworkSettings network, Secret authorization) {
        this.delegate = delegate;
        this.network = network;
        this.authorization = authorization;
    }

    private HttpRequest withCredentials(HttpRequest request) {
        if (network.proxyFor(request.uri().getHost()).isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Proxy-Authorization"))
                .header("Proxy-Authorization", authorization.reveal()).build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(withCredentials(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(withCredentials(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(withCredentials(request), handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
