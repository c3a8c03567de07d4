package dev.slipway.registry;

import dev.slipway.support.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the JDK HTTP client for a {@link RegistryTransport}: explicit proxy, trust and timeouts, no lookups. */
public final class RegistryHttpClients {
    private RegistryHttpClients() {
    }

    public static HttpClient create(RegistryTransport transport) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                // registries redirect blob GETs to storage; the JDK drops Authorization when the host changes
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (transport.proxy() != null && !transport.proxy().isBlank()) {
            String proxy = transport.proxy();
            int colon = proxy.lastIndexOf(':');
            if (colon < 0) {
                throw new InvalidInputException("proxy", "'" + proxy + "' has no port", "write the proxy as host:port");
            }
            builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.substring(0, colon),
                    Integer.parseInt(proxy.substring(colon + 1)))));
        }
        if (transport.caCertificatesPem() != null && !transport.caCertificatesPem().isBlank()) {
            builder.sslContext(sslContext(Path.of(transport.caCertificatesPem())));
        }
        return builder.build();
    }

    /** Trusts the JDK's CAs and the ones in {@code pem}. */
    static SSLContext sslContext(Path pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int n = 0;
            for (var manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (var ca : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, ca);
                    }
                }
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pem)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new InvalidInputException("ca-file", pem + " holds no PEM certificate",
                        "give a file with -----BEGIN CERTIFICATE----- blocks");
            }
            for (Certificate certificate : extra) {
                store.setCertificateEntry("extra-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new InvalidInputException("ca-file", "cannot read " + pem + ": " + e.getMessage(),
                    "give a readable PEM file of CA certificates");
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("ca-file", pem + " is not a PEM file of certificates: " + e.getMessage(),
                    "give a file with -----BEGIN CERTIFICATE----- blocks");
        }
    }
}
