package dev.slipway.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.AuthenticationException;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.fakes.ArmFake;
import dev.slipway.testsupport.fakes.AzureAdFake;
import dev.slipway.testsupport.fakes.FakeJwt;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.secrets.Canary;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Azure AD through azure-identity and MSAL, on the engine's own HTTP client: the Azure AD fake over HTTPS (MSAL
 * accepts nothing else) with a per-run CA trusted only through the extra-CA setting, reached through the fault proxy's
 * CONNECT tunnel; and ARM over HTTPS the same way.
 */
@Tag("server")
class AzureThroughProxyTest {
    private static final String CLIENT_SECRET = Canary.of("aad-secret-through-proxy");

    @RegisterExtension
    static final AzureAdFake aad = overTls(new AzureAdFake()).clientWithSecret("tenant-p", "client-p", CLIENT_SECRET);
    @RegisterExtension
    static final ArmFake arm = overTls(new ArmFake());
    @RegisterExtension
    static final FaultProxy proxy = FaultProxy.forward();

    private static <T extends dev.slipway.testsupport.fakes.FakeHttpServer> T overTls(T fake) {
        fake.useTls();
        return fake;
    }

    private final SecretMasker masker = new SecretMasker();

    @BeforeEach
    void reset() {
        proxy.reset();
        aad.clearRequests();
    }

    private static NetworkSettings throughProxyTrusting(String... pems) {
        NetworkSettings network = NetworkSettings.direct().withProxyUrl(proxy.baseUri().toString());
        for (String pem : pems) {
            network = network.withExtraCaPem(pem);
        }
        return network;
    }

    private AzureToken token(NetworkSettings network) {
        AzureIdentity identity = new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant-p", "client-p",
                Secret.of(CLIENT_SECRET));
        return AzureIdentityTokens.of(identity, aad.authorityHost(), masker, network).token(AzureCloud.AZURE_PUBLIC.acrScope());
    }

    @Test
    void aClientSecretTokenComesThroughTheProxysTunnelWithTheExtraCa() {
        AzureToken token = token(throughProxyTrusting(aad.caCertificatePem()));

        assertThat(FakeJwt.claims(token.value().reveal())).containsEntry("aud", "https://containerregistry.azure.net");
        assertThat(masker.mask(token.value().reveal())).isEqualTo(Secret.MASK);
        String aadAuthority = URI.create(aad.url()).getAuthority();
        assertThat(proxy.requests()).isNotEmpty().allMatch(r -> r.method().equals("CONNECT") && r.target().equals(aadAuthority));
        assertThat(aad.requests()).anyMatch(r -> r.path().equals("/tenant-p/oauth2/v2.0/token"));
    }

    @Test
    void withoutTheExtraCaAzureAdIsNotTrustedAndTheSecretDoesNotShow() {
        assertThatThrownBy(() -> token(throughProxyTrusting())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("client-p").hasMessageNotContaining(CLIENT_SECRET);
        assertThat(aad.requests()).isEmpty();
    }

    @Test
    void theNoProxyListReachesAzureAdDirectly() {
        token(throughProxyTrusting(aad.caCertificatePem()).withNoProxy(List.of("127.0.0.1")));

        assertThat(proxy.requests()).isEmpty();
        assertThat(aad.requests()).isNotEmpty();
    }

    @Test
    void armOverHttpsIsReachedThroughTheTunnel() {
        arm.cluster("sub", "rg", "shop", "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n");
        AksCredentials credentials = new AksCredentials(arm.url(), scope -> Secret.of(FakeJwt.issue(
                "https://management.azure.com/", "tenant-p", "client-p", 3600)), throughProxyTrusting(arm.caCertificatePem()));

        assertThat(credentials.kubeconfig("sub", "rg", "shop", false).reveal()).contains("kind: Config");
        assertThat(proxy.requests()).singleElement()
                .satisfies(r -> assertThat(r.target()).isEqualTo(URI.create(arm.url()).getAuthority()));
    }
}
