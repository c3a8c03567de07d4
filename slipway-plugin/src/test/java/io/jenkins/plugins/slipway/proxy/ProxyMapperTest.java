package io.jenkins.plugins.slipway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.NetworkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyMapperTest {

    private static final ProxySettings PROXY = new ProxySettings("proxy.corp", 3128, null,
            "*.internal.corp, localhost|127.0.0.1\nregistry.local");

    @Test
    void aHostOutsideTheNoProxyListGoesThroughJenkinsProxy() {
        NetworkSettings network = ProxyMapper.network(PROXY);

        assertThat(network.proxyFor("shop.azurecr.io")).contains("proxy.corp:3128");
        assertThat(network.proxyFor("login.microsoftonline.com")).contains("proxy.corp:3128");
    }

    @ParameterizedTest
    @CsvSource({"harbor.internal.corp", "localhost", "127.0.0.1", "registry.local", "REGISTRY.LOCAL"})
    void aHostMatchingTheNoProxyListIsReachedDirectly(String host) {
        assertThat(ProxyMapper.network(PROXY).proxyFor(host)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"internal.corp.evil.com", "registry.local.evil.com", "xregistry.local"})
    void patternsMatchWholeHostNames(String host) {
        assertThat(ProxyMapper.network(PROXY).bypassesProxy(host)).isFalse();
    }

    @Test
    void noProxyConfiguredIsADirectConnection() {
        assertThat(ProxyMapper.network(ProxySettings.NONE).hasProxy()).isFalse();
        assertThat(ProxyMapper.network(null).hasProxy()).isFalse();
        assertThat(ProxyMapper.network(new ProxySettings("  ", 3128, null, null)).hasProxy()).isFalse();
    }

    @Test
    void anAuthenticatingProxyAndUnsupportedPatternsAreReportedAsLimitations() {
        assertThat(ProxyMapper.limitations(PROXY)).isEmpty();
        assertThat(ProxyMapper.limitations(new ProxySettings("proxy.corp", 8080, "ci-user", null)))
                .singleElement().asString().contains("proxy.corp:8080").contains("without proxy authentication");
        assertThat(ProxyMapper.limitations(new ProxySettings("proxy.corp", 8080, null, "10.0.*")))
                .singleElement().asString().contains("'10.0.*'");
    }
}
