package dev.slipway.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The pieces every HTTP client of the engine is built from, derived from one {@link NetworkSettings}: a JDK
 * {@link HttpClient}, a {@link ProxySelector} honouring the no-proxy list, proxy credentials for a 407, and
 * trust (the JDK's CAs plus the extra ones). Built explicitly: no system proxy, no ServiceLoader lookups.
 */
public final class NetworkClients {
    private NetworkClients() {
    }

    /**
     * A JDK HTTP/1.1 client with the settings' proxy, proxy credentials (sent with each request through the proxy;
     * see {@link ProxyAuthorizingHttpClient}), trust and connect timeout.
     */
    public static HttpClient http(NetworkSettings network, HttpClient.Redirect redirects) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(network.connectTimeout())
                .followRedirects(redirects)
                .proxy(proxySelector(network));
        sslContext(network).ifPresent(builder::sslContext);
        HttpClient client = builder.build();
        return proxyAuthorization(network).<HttpClient>map(value -> new ProxyAuthorizingHttpClient(client, network, value))
                .orElse(client);
    }

    /** Chooses the proxy per URI: direct for hosts in the no-proxy list and when there is no proxy. */
    public static ProxySelector proxySelector(NetworkSettings network) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy(network, uri.getHost()));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // nothing to learn: there is only one proxy
            }

            @Override
            public String toString() {
                return "proxy " + network.describeProxy() + ", direct for " + network.noProxy();
            }
        };
    }

    /** The proxy for connections to {@code host} ({@link Proxy#NO_PROXY} when direct). */
    public static Proxy proxy(NetworkSettings network, String host) {
        return network.proxyFor(host).map(hostPort -> new Proxy(Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved(network.proxyHost(), network.proxyPort()))).orElse(Proxy.NO_PROXY);
    }

    /**
     * The proxy's refusal as a failure that says so: a {@code 407} answer ({@code status}), or the JDK giving up
     * after the proxy refused its credentials ({@code failure}); empty for anything else.
     */
    public static Optional<AuthenticationException> proxyRefusal(String target, int status, IOException failure) {
        String text = failure == null || failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(java.util.Locale.ROOT);
        boolean refused = status == 407 || text.contains("too many authentication attempts")
                || text.contains("407") && text.contains("proxy");
        if (!refused) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticationException("the HTTP proxy refused to connect to " + target
                + " (HTTP 407 Proxy Authentication Required)", "give the proxy user and password (CLI: user:password@ in"
                + " HTTPS_PROXY; Jenkins: the proxy configuration); for an https:// target the JVM must allow Basic proxy"
                + " authentication for tunnels (-Djdk.http.auth.tunneling.disabledSchemes=)"));
    }

    /** {@code Basic base64(user:password)} for clients that send proxy credentials up front. */
    public static Optional<Secret> proxyAuthorization(NetworkSettings network) {
        if (!network.hasProxyCredentials()) {
            return Optional.empty();
        }
        return Optional.of(Secret.of("Basic " + java.util.Base64.getEncoder().encodeToString(
                (network.proxyUser() + ":" + network.proxyPassword().reveal()).getBytes(StandardCharsets.UTF_8))));
    }

    /** TLS trusting the JDK's CAs and the extra ones; empty when there are no extra ones (the JDK default applies). */
    public static Optional<SSLContext> sslContext(NetworkSettings network) {
        if (network.extraCaPem() == null) {
            return Optional.empty();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(network)}, null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("ca-file", "the extra CA certificates cannot be used: " + e.getMessage(),
                    "give PEM text with -----BEGIN CERTIFICATE----- blocks");
        }
    }

    /** A trust manager for the JDK's CAs plus the extra ones. */
    public static X509TrustManager trustManager(NetworkSettings network) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (var ca : jdkTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, ca);
            }
            for (Certificate certificate : extraCertificates(network)) {
                store.setCertificateEntry("extra-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException("ca-file", "the extra CA certificates cannot be used: " + e.getMessage(),
                    "give PEM text with -----BEGIN CERTIFICATE----- blocks");
        }
    }

    /** The extra CA certificates, parsed; empty when none are given. */
    public static Collection<? extends Certificate> extraCertificates(NetworkSettings network) {
        if (network.extraCaPem() == null) {
            return List.of();
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(network.extraCaPem().getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new InvalidInputException("ca-file", "the extra CA certificates hold no PEM certificate",
                        "give PEM text with -----BEGIN CERTIFICATE----- blocks");
            }
            return certificates;
        } catch (java.security.cert.CertificateException e) {
            throw new InvalidInputException("ca-file", "the extra CA certificates are not PEM certificates: " + e.getMessage(),
                    "give PEM text with -----BEGIN CERTIFICATE----- blocks");
        }
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        for (TrustManager manager : defaults.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }
}
