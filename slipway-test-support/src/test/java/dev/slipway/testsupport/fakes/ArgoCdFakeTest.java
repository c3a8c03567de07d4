package dev.slipway.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArgoCdFakeTest {
    @RegisterExtension
    static ArgoCdFake argo = new ArgoCdFake("argo-token")
            .application("web", "Synced", "Healthy", "abc123", "Succeeded")
            .application("api", "OutOfSync", "Progressing", "old", "Running")
            .afterRefresh("api", "Synced", "Progressing", "new", "Running")
            .afterRefresh("api", "Synced", "Healthy", "new", "Succeeded");

    private static Http.Answer get(String name, String query, String token) {
        String url = argo.url() + "/api/v1/applications/" + name + query;
        return token == null ? Http.send("GET", url, null) : Http.send("GET", url, null, "Authorization", "Bearer " + token);
    }

    @Test
    void returnsTheApplicationWithItsStatus() {
        Http.Answer answer = get("web", "", "argo-token");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("kind").asText()).isEqualTo("Application");
        assertThat(answer.json().at("/status/sync/status").asText()).isEqualTo("Synced");
        assertThat(answer.json().at("/status/sync/revision").asText()).isEqualTo("abc123");
        assertThat(answer.json().at("/status/health/status").asText()).isEqualTo("Healthy");
        assertThat(answer.json().at("/status/operationState/phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void eachRefreshMovesToTheNextQueuedState() {
        assertThat(get("api", "", "argo-token").json().at("/status/sync/status").asText()).isEqualTo("OutOfSync");
        assertThat(get("api", "?refresh=normal", "argo-token").json().at("/status/sync/revision").asText()).isEqualTo("new");
        Http.Answer last = get("api", "?refresh=normal", "argo-token");
        assertThat(last.json().at("/status/health/status").asText()).isEqualTo("Healthy");
        assertThat(get("api", "?refresh=normal", "argo-token").json().at("/status/health/status").asText()).isEqualTo("Healthy");
        assertThat(argo.refreshCount("api")).isEqualTo(3);
    }

    @Test
    void aMissingTokenIsRejected() {
        Http.Answer answer = get("web", "", null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("message").asText()).isEqualTo("no session information");
    }

    @Test
    void aWrongTokenIsRejected() {
        Http.Answer answer = get("web", "", "other");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("code").asInt()).isEqualTo(16);
    }

    @Test
    void anUnknownApplicationIsPermissionDenied() {
        Http.Answer answer = get("nope", "", "argo-token");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("message").asText()).isEqualTo("permission denied");
    }

    @Test
    void aWriteIsNotAllowed() {
        assertThat(Http.send("DELETE", argo.url() + "/api/v1/applications/web", null,
                "Authorization", "Bearer argo-token").status()).isEqualTo(405);
    }
}
