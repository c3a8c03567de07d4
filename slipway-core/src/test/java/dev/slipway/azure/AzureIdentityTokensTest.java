package dev.slipway.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.process.FreePorts;
import dev.slipway.testsupport.secrets.Canary;
import org.junit.jupiter.api.Test;

/**
 * azure-identity credentials are built explicitly for every identity kind; a refusal becomes an
 * {@link AuthenticationException} naming the identity, without its secret. (Azure AD itself is not reachable
 * here; MSAL accepts only https authorities, so the HTTP Azure AD fake cannot stand in for it.)
 */
class AzureIdentityTokensTest {
    private static final String CANARY = Canary.of("aad-client-secret");

    @Test
    void everyIdentityKindBuildsACredential() {
        SecretMasker masker = new SecretMasker();
        assertThat(AzureIdentityTokens.of(new AzureIdentity.ClientSecret(AzureCloud.AZURE_CHINA, "t", "c", Secret.of(CANARY)),
                null, masker)).isNotNull();
        assertThat(AzureIdentityTokens.of(new AzureIdentity.ManagedIdentity(AzureCloud.AZURE_PUBLIC, "client"), null, masker))
                .isNotNull();
        assertThat(AzureIdentityTokens.of(new AzureIdentity.WorkloadIdentity(AzureCloud.AZURE_US_GOVERNMENT, "t", "c",
                "/var/run/secrets/azure/tokens/azure-identity-token"), null, masker)).isNotNull();
        assertThat(masker.mask("x " + CANARY)).isEqualTo("x " + Secret.MASK);
    }

    @Test
    void aMissingTenantIsBadInputNamingTheField() {
        assertThatThrownBy(() -> AzureIdentityTokens.of(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, " ", "c",
                Secret.of(CANARY)), null, new SecretMasker())).isInstanceOf(InvalidInputException.class).hasMessageContaining("tenant");
    }

    @Test
    void anUnreachableAuthorityIsAnAuthenticationFailureWithoutTheSecret() {
        AzureIdentityTokens tokens = AzureIdentityTokens.of(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant-x",
                "client-x", Secret.of(CANARY)), "https://127.0.0.1:" + FreePorts.next() + "/", new SecretMasker());

        assertThatThrownBy(() -> tokens.token(AzureCloud.AZURE_PUBLIC.acrScope())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("client-x").hasMessageContaining("containerregistry").hasMessageNotContaining(CANARY);
    }
}
