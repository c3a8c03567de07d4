package dev.slipway.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.secrets.Canary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AcrTokenExchangeTest {
    private static final String CANARY_DESCRIBE_SECRET = Canary.of("describe-secret");
    @Test
    void theExchangeEndpointSitsNextToTheTokenRealm() {
        assertThat(AcrTokenExchange.exchangeEndpoint(URI.create("https://reg.azurecr.io/oauth2/token")))
                .isEqualTo(URI.create("https://reg.azurecr.io/oauth2/exchange"));
        assertThat(AcrTokenExchange.exchangeEndpoint(URI.create("http://127.0.0.1:5000/token")))
                .isEqualTo(URI.create("http://127.0.0.1:5000/oauth2/exchange"));
    }

    @Test
    void expiryComesFromTheJwtExpClaim() {
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1700000000}".getBytes(StandardCharsets.UTF_8));
        assertThat(JwtExpiry.of("eyJhbGciOiJub25lIn0." + claims + ".sig")).contains(Instant.ofEpochSecond(1700000000));
        assertThat(JwtExpiry.of("not-a-jwt")).isEmpty();
        assertThat(JwtExpiry.of("a.%%%.c")).isEmpty();
    }

    @Test
    void everyCloudHasAnAcrAndAnArmScope() {
        assertThat(AzureCloud.AZURE_PUBLIC.acrScope()).isEqualTo("https://containerregistry.azure.net/.default");
        assertThat(AzureCloud.AZURE_PUBLIC.resourceManagerScope()).isEqualTo("https://management.azure.com/.default");
        assertThat(AzureCloud.AZURE_CHINA.resourceManagerScope()).isEqualTo("https://management.chinacloudapi.cn/.default");
        assertThat(AzureCloud.AZURE_US_GOVERNMENT.resourceManagerScope()).isEqualTo("https://management.usgovcloudapi.net/.default");
    }

    @Test
    void identitiesDescribeThemselvesWithoutTheirSecrets() {
        AzureIdentity identity = new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "t", "c",
                dev.slipway.support.Secret.of(CANARY_DESCRIBE_SECRET));
        assertThat(identity.describe()).contains("c").doesNotContain(CANARY_DESCRIBE_SECRET);
        assertThat(identity.toString()).doesNotContain(CANARY_DESCRIBE_SECRET);
        assertThat(new AzureIdentity.ManagedIdentity(AzureCloud.AZURE_PUBLIC, null).describe()).contains("system-assigned");
    }
}
