package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine-wide network setting: proxy URLs as in HTTPS_PROXY, the no-proxy rule, and a password that never renders. */
class NetworkSettingsTest {
    private static final String CANARY = Canary.of("proxy-pass");

    @Test
    void aProxyUrlWithCredentialsKeepsThePasswordAsASecretThatNeverRenders() throws Exception {
        NetworkSettings settings = NetworkSettings.direct().withProxyUrl("http://builder:" + CANARY + "@proxy.corp:3128/");

        assertThat(settings.proxyHost()).isEqualTo("proxy.corp");
        assertThat(settings.proxyPort()).isEqualTo(3128);
        assertThat(settings.proxyUser()).isEqualTo("builder");
        assertThat(settings.proxyPassword().reveal()).isEqualTo(CANARY);
        assertThat(settings.toString()).contains("http://builder@proxy.corp:3128").doesNotContain(CANARY);
        assertThat(settings.describeProxy()).doesNotContain(CANARY);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((NetworkSettings) in.readObject()).proxyPassword().reveal()).isEqualTo(CANARY);
        }
    }

    @Test
    void aBareHostPortIsAnHttpProxyAndPercentEncodedCredentialsAreDecoded() {
        NetworkSettings settings = NetworkSettings.direct().withProxyUrl("us%40corp:p%3Ass@10.0.0.1:8080");

        assertThat(settings.describeProxy()).isEqualTo("http://us@corp@10.0.0.1:8080");
        assertThat(settings.proxyPassword().reveal()).isEqualTo("p:ss");
        assertThat(NetworkSettings.direct().withProxyUrl("proxy.corp").proxyPort()).isEqualTo(80);
        assertThat(NetworkSettings.direct().withProxyUrl("  ").hasProxy()).isFalse();
    }

    @Test
    void badProxiesAreRefusedNamingTheFieldWithoutThePassword() {
        assertThatThrownBy(() -> NetworkSettings.direct().withProxyUrl("socks5://u:" + CANARY + "@proxy:1080"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("proxy:")
                .hasMessageContaining("only HTTP proxies").hasMessageNotContaining(CANARY);
        assertThatThrownBy(() -> NetworkSettings.direct().withProxyUrl("http://u:" + CANARY + "@proxy:99999"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("proxy:").hasMessageNotContaining(CANARY);
        assertThatThrownBy(() -> NetworkSettings.direct().withProxyUrl("u:" + CANARY + "@bad host:1"))
                .isInstanceOf(InvalidInputException.class).hasMessageNotContaining(CANARY);
    }

    @Test
    void noProxyMatchesHostsDomainsWildcardsAndPortsLikeCurlDoes() {
        NetworkSettings settings = NetworkSettings.direct().withProxy("proxy.corp", 3128)
                .withNoProxy(List.of("localhost,127.0.0.1", " .internal.corp", "*.svc.cluster.local", "git.corp:8443"));

        assertThat(settings.bypassesProxy("localhost")).isTrue();
        assertThat(settings.bypassesProxy("127.0.0.1")).isTrue();
        assertThat(settings.bypassesProxy("registry.internal.corp")).isTrue();
        assertThat(settings.bypassesProxy("internal.corp")).isTrue();
        assertThat(settings.bypassesProxy("api.svc.cluster.local")).isTrue();
        assertThat(settings.bypassesProxy("git.corp")).isTrue();
        assertThat(settings.bypassesProxy("sub.git.corp")).isTrue();
        assertThat(settings.bypassesProxy("GIT.CORP")).isTrue();
        assertThat(settings.bypassesProxy("notgit.corp")).isFalse();
        assertThat(settings.bypassesProxy("myacr.azurecr.io")).isFalse();
        assertThat(settings.bypassesProxy(NetworkSettings.INSTANCE_METADATA_HOST)).isTrue();
        assertThat(settings.withNoProxy(List.of("*")).bypassesProxy("anything.example")).isTrue();

        assertThat(NetworkClients.proxySelector(settings).select(URI.create("https://myacr.azurecr.io/v2/")))
                .singleElement().extracting(Proxy::type).isEqualTo(Proxy.Type.HTTP);
        assertThat(NetworkClients.proxySelector(settings).select(URI.create("https://registry.internal.corp/v2/")))
                .containsExactly(Proxy.NO_PROXY);
        assertThat(NetworkClients.proxySelector(NetworkSettings.direct()).select(URI.create("https://myacr.azurecr.io/")))
                .containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void extraCaTextWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> NetworkSettings.direct().withExtraCaPem("not a certificate"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ca-file:");
        assertThatThrownBy(() -> NetworkClients.trustManager(NetworkSettings.direct().withExtraCaPem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ca-file:");
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> NetworkSettings.direct().withTimeouts(java.time.Duration.ZERO, null))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("connectTimeout:");
        assertThat(NetworkSettings.direct().connectTimeout()).isEqualTo(NetworkSettings.DEFAULT_CONNECT_TIMEOUT);
    }
}
