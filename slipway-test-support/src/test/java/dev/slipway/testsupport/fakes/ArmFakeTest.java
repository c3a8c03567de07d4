package dev.slipway.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArmFakeTest {
    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\n";
    private static final String ARM_TOKEN = FakeJwt.issue("https://management.azure.com", "t", "app", 600);

    @RegisterExtension
    static ArmFake arm = new ArmFake()
            .cluster("sub-1", "rg-1", "aks-1", KUBECONFIG)
            .clusterWithoutLocalAccounts("sub-1", "rg-1", "aks-aad", KUBECONFIG);

    private static Http.Answer post(String cluster, String action, String query, String token) {
        String url = arm.url() + ArmFake.credentialPath("sub-1", "rg-1", cluster, action) + query;
        return token == null ? Http.send("POST", url, "")
                : Http.send("POST", url, "", "Authorization", "Bearer " + token);
    }

    @Test
    void userCredentialsAreABase64Kubeconfig() {
        Http.Answer answer = post("aks-1", "listClusterUserCredential", "?api-version=2024-09-01", ARM_TOKEN);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("kubeconfigs").get(0).get("name").asText()).isEqualTo("clusterUser");
        String value = answer.json().get("kubeconfigs").get(0).get("value").asText();
        assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)).isEqualTo(KUBECONFIG);
    }

    @Test
    void adminCredentialsWhenLocalAccountsAreEnabled() {
        Http.Answer answer = post("aks-1", "listClusterAdminCredential", "?api-version=2024-09-01", ARM_TOKEN);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("kubeconfigs").get(0).get("name").asText()).isEqualTo("clusterAdmin");
    }

    @Test
    void adminCredentialsAreRefusedWhenLocalAccountsAreDisabled() {
        Http.Answer answer = post("aks-aad", "listClusterAdminCredential", "?api-version=2024-09-01", ARM_TOKEN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("message").asText()).contains("disable local accounts");
        assertThat(post("aks-aad", "listClusterUserCredential", "?api-version=2024-09-01", ARM_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aMissingApiVersionIsRejected() {
        Http.Answer answer = post("aks-1", "listClusterUserCredential", "", ARM_TOKEN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("MissingApiVersionParameter");
    }

    @Test
    void aMissingBearerTokenIsRejected() {
        Http.Answer answer = post("aks-1", "listClusterUserCredential", "?api-version=2024-09-01", null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("AuthenticationFailed");
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        String acrToken = FakeJwt.issue("https://containerregistry.azure.net", "t", "app", 600);
        Http.Answer answer = post("aks-1", "listClusterUserCredential", "?api-version=2024-09-01", acrToken);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("InvalidAuthenticationTokenAudience");
    }

    @Test
    void anExpiredTokenIsRejected() {
        String expired = FakeJwt.issue("https://management.azure.com", "t", "app", -60);
        assertThat(post("aks-1", "listClusterUserCredential", "?api-version=2024-09-01", expired).json()
                .get("error").get("code").asText()).isEqualTo("ExpiredAuthenticationToken");
    }

    @Test
    void anUnknownClusterIsNotFound() {
        Http.Answer answer = post("nope", "listClusterUserCredential", "?api-version=2024-09-01", ARM_TOKEN);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    void requestsAreRecordedWithTheirQuery() {
        arm.clearRequests();
        post("aks-1", "listClusterUserCredential", "?api-version=2024-09-01&format=exec", ARM_TOKEN);
        assertThat(arm.requests()).singleElement().satisfies(request -> {
            assertThat(request.queryParameter("format")).isEqualTo("exec");
            assertThat(request.bearerToken()).isEqualTo(ARM_TOKEN);
        });
    }
}
