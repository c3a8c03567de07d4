package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.process.FreePorts;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("real-server")
class ControllerLoginTest {
    private static final String CANARY = Canary.of("controller-client-secret");

    @RegisterExtension
    static RegistryServer acr = RegistryServer.acr();

    @TempDir
    Path temp;

    @Test
    void basicRefreshTokenAndAnonymousAuthGoToTheAgentAsTheyAre() {
        ImageRef image = ImageRef.parse("shop.azurecr.io/shop/web");
        for (RegistryAuth auth : new RegistryAuth[] {new RegistryAuth.Anonymous(),
                new RegistryAuth.Basic("shopacr", Secret.of("password")),
                new RegistryAuth.AcrRefreshToken(Secret.of("refresh"))}) {
            assertThat(ControllerLogin.forAgent(auth, image, RegistryTransport.defaults(), NetworkSettings.direct(), Events.silent(), temp))
                    .isSameAs(auth);
        }
    }

    /**
     * The exchange itself runs here, on the controller: the ACR-style registry's challenge is read and Azure AD is
     * asked for a token. (azure-identity only talks HTTPS to an authority, so a successful exchange against the
     * HTTP Azure AD fake is not possible here; the refusal proves where the exchange runs and that it stays quiet
     * about the secret.)
     */
    @Test
    void anAzureIdentityIsExchangedOnTheControllerAndAFailureNamesTheIdentityNotTheSecret() {
        ImageRef image = ImageRef.parse(acr.hostPort() + "/shop/web");
        RegistryAuth azure = new RegistryAuth.AzureAd(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant-1",
                "client-on-controller", Secret.of(CANARY)), "https://127.0.0.1:" + FreePorts.next() + "/");

        assertThatThrownBy(() -> ControllerLogin.forAgent(azure, image,
                RegistryTransport.defaults().withPlainHttp(acr.hostPort()).withMaxAttempts(1), NetworkSettings.direct(), Events.silent(), temp))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("client-on-controller")
                .hasMessageNotContaining(CANARY);
    }
}
