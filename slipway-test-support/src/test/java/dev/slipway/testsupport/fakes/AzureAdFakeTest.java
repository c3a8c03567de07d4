package dev.slipway.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.secrets.Canary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureAdFakeTest {
    private static final String TENANT = "tenant-1";
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The client's secret, made per run. */
    private static final String SECRET = Canary.of("client-secret");

    @RegisterExtension
    static AzureAdFake aad = new AzureAdFake()
            .clientWithSecret(TENANT, "app-secret", SECRET)
            .clientWithAssertion(TENANT, "app-federated", "federated-token");

    private static Http.Answer token(String form) {
        return Http.send("POST", aad.url() + "/" + TENANT + "/oauth2/v2.0/token", form, "Content-Type", FORM);
    }

    @Test
    void clientCredentialsWithASecretGetAnArmToken() {
        Http.Answer answer = token("grant_type=client_credentials&client_id=app-secret&client_secret=" + SECRET
                + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.json().get("expires_in").asInt()).isEqualTo(3599);
        Map<String, Object> claims = FakeJwt.claims(answer.json().get("access_token").asText());
        assertThat(claims).containsEntry("aud", "https://management.azure.com").containsEntry("tid", TENANT)
                .containsEntry("appid", "app-secret");
    }

    @Test
    void aClientAssertionGetsAnAcrToken() {
        Http.Answer answer = token("grant_type=client_credentials&client_id=app-federated"
                + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                + "&client_assertion=federated-token&scope=https%3A%2F%2Fcontainerregistry.azure.net%2F.default");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(FakeJwt.claims(answer.json().get("access_token").asText()))
                .containsEntry("aud", "https://containerregistry.azure.net");
    }

    @Test
    void aWrongSecretIsInvalidClient() {
        Http.Answer answer = token("grant_type=client_credentials&client_id=app-secret&client_secret=wrong"
                + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(answer.json().get("error_description").asText()).startsWith("AADSTS7000215");
        assertThat(answer.body()).doesNotContain("wrong");
    }

    @Test
    void aWrongAssertionIsInvalidClient() {
        Http.Answer answer = token("grant_type=client_credentials&client_id=app-federated"
                + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                + "&client_assertion=other&scope=https%3A%2F%2Fmanagement.azure.com%2F.default");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error_codes").get(0).asInt()).isEqualTo(700211);
    }

    @Test
    void aScopeWithoutDefaultIsInvalidScope() {
        Http.Answer answer = token("grant_type=client_credentials&client_id=app-secret&client_secret=" + SECRET
                + "&scope=https%3A%2F%2Fmanagement.azure.com%2Fuser_impersonation");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void anUnknownAudienceIsInvalidResource() {
        Http.Answer answer = token("grant_type=client_credentials&client_id=app-secret&client_secret=" + SECRET
                + "&scope=https%3A%2F%2Fvault.example%2F.default");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error_description").asText()).startsWith("AADSTS500011");
    }

    @Test
    void aJsonBodyIsNotReadAsAForm() {
        Http.Answer answer = Http.send("POST", aad.url() + "/" + TENANT + "/oauth2/v2.0/token",
                "{\"grant_type\":\"client_credentials\"}", "Content-Type", "application/json");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error_description").asText()).contains("'grant_type'");
    }

    @Test
    void anUnknownClientOrTenantIsRejected() {
        Http.Answer answer = Http.send("POST", aad.url() + "/other-tenant/oauth2/v2.0/token",
                "grant_type=client_credentials&client_id=app-secret&client_secret=" + SECRET
                        + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default", "Content-Type", FORM);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void noCredentialAndAnotherGrantAreRejected() {
        assertThat(token("grant_type=client_credentials&client_id=app-secret&scope=https%3A%2F%2Fmanagement.azure.com%2F.default")
                .json().get("error_codes").get(0).asInt()).isEqualTo(7000216);
        assertThat(token("grant_type=password&client_id=app-secret").json().get("error").asText())
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void requestsAreRecorded() {
        aad.clearRequests();
        token("grant_type=client_credentials&client_id=app-secret&client_secret=" + SECRET + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default");
        assertThat(aad.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
            assertThat(request.form()).containsEntry("client_id", "app-secret");
        });
    }
}
