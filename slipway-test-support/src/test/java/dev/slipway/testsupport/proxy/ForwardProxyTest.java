package dev.slipway.testsupport.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.fakes.ArgoCdFake;
import dev.slipway.testsupport.registry.TestCertificates;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault proxy in forward mode, as a JDK client configured with a proxy uses it: absolute-form requests go to the
 * server they name (logged with it), CONNECT opens a tunnel to an HTTPS fake, and with Basic authentication required
 * a request without the credentials gets 407 while one with them passes (the credentials are not forwarded).
 */
class ForwardProxyTest {
    private static final String TOKEN = "argo-token";

    @RegisterExtension
    static final ArgoCdFake plain = new ArgoCdFake(TOKEN);
    @RegisterExtension
    static final ArgoCdFake tls = overTls(new ArgoCdFake(TOKEN));
    @RegisterExtension
    static final FaultProxy proxy = FaultProxy.forward();
    @RegisterExtension
    static final FaultProxy authenticating = FaultProxy.forward().requireBasicAuth("user", "secret-pass");

    private static ArgoCdFake overTls(ArgoCdFake fake) {
        fake.useTls();
        return fake;
    }

    @BeforeEach
    void reset() {
        proxy.reset();
        authenticating.reset();
        plain.application("web", "Synced", "Healthy", "abc", "Succeeded");
        tls.application("web", "Synced", "Healthy", "abc", "Succeeded");
        plain.clearRequests();
    }

    private static HttpClient through(FaultProxy proxy, javax.net.ssl.SSLContext ssl) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.baseUri().getPort())));
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    private static HttpRequest.Builder get(String base) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/applications/web")).header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void anAbsoluteFormRequestGoesToTheServerItNames() throws Exception {
        HttpResponse<String> response = through(proxy, null).send(get(plain.url()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Synced");
        RecordedRequest seen = proxy.requests().get(0);
        assertThat(seen.authority()).isEqualTo(URI.create(plain.url()).getAuthority());
        assertThat(seen.line()).isEqualTo("GET /api/v1/applications/web");
        assertThat(plain.requests().get(0).path()).isEqualTo("/api/v1/applications/web");
    }

    @Test
    void connectTunnelsToAnHttpsServer() throws Exception {
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(tls.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));

        HttpResponse<String> response = through(proxy, TestCertificates.sslContextTrusting(ca))
                .send(get(tls.url()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(tls.url()).startsWith("https://");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(proxy.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("CONNECT");
            assertThat(r.authority()).isEqualTo(URI.create(tls.url()).getAuthority());
        });
    }

    @Test
    void basicAuthIsRequiredAndNotForwarded() throws Exception {
        HttpClient client = through(authenticating, null);
        HttpResponse<String> refused = client.send(get(plain.url()).build(), HttpResponse.BodyHandlers.ofString());
        String basic = "Basic " + Base64.getEncoder().encodeToString("user:secret-pass".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> passed = client.send(get(plain.url()).header("Proxy-Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(407);
        assertThat(refused.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"fault-proxy\"");
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(authenticating.requests()).extracting(RecordedRequest::status).containsExactly(407, 200);
        assertThat(plain.requests()).singleElement().satisfies(r -> assertThat(r.headers()).doesNotContainKey("proxy-authorization"));
    }
}
