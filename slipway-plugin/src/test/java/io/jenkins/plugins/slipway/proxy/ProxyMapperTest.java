package io.jenkins.plugins.slipway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.registry.RegistryTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProxyMapperTest {

    private static final ProxySettings PROXY = new ProxySettings("proxy.corp", 3128, null,
            "*.internal.corp, localhost|127.0.0.1\nregistry.local");

    @Test
    void aRegistryOutsideTheNoProxyListGoesThroughJenkinsProxy() {
        RegistryTransport base = RegistryTransport.defaults().withCaCertificates("ca.pem");

        RegistryTransport mapped = ProxyMapper.registryTransport(base, PROXY, "shop.azurecr.io");

        assertThat(mapped.proxy()).isEqualTo("proxy.corp:3128");
        assertThat(mapped.caCertificatesPem()).isEqualTo("ca.pem");
        assertThat(mapped.maxAttempts()).isEqualTo(base.maxAttempts());
    }

    @ParameterizedTest
    @CsvSource({"harbor.internal.corp", "harbor.internal.corp:5000", "localhost:5000", "127.0.0.1:5000",
            "registry.local", "REGISTRY.LOCAL"})
    void aRegistryMatchingTheNoProxyListIsReachedDirectly(String registry) {
        assertThat(ProxyMapper.registryTransport(RegistryTransport.defaults(), PROXY, registry).proxy()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"internal.corp", "registry.local.evil.com", "xregistry.local"})
    void patternsMatchWholeHostNames(String registry) {
        assertThat(ProxyMapper.bypasses(PROXY, registry)).isFalse();
    }

    @Test
    void noProxyConfiguredLeavesTheTransportAsItIs() {
        RegistryTransport base = RegistryTransport.defaults();

        assertThat(ProxyMapper.registryTransport(base, ProxySettings.NONE, "shop.azurecr.io")).isSameAs(base);
        assertThat(ProxyMapper.registryTransport(base, null, "shop.azurecr.io")).isSameAs(base);
        assertThat(ProxyMapper.registryTransport(base, new ProxySettings("  ", 3128, null, null), "r.io")).isSameAs(base);
    }

    @Test
    void anAuthenticatingProxyIsReportedAsALimitation() {
        assertThat(ProxyMapper.limitations(PROXY)).isEmpty();
        assertThat(ProxyMapper.limitations(new ProxySettings("proxy.corp", 8080, "ci-user", null)))
                .singleElement().asString().contains("proxy.corp:8080").contains("without proxy authentication");
    }
}
