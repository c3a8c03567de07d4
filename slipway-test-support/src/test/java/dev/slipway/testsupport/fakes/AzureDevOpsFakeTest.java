package dev.slipway.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureDevOpsFakeTest {
    private static final String PAT = "ado-pat";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
    private static final String REPO = "/org/proj/_apis/git/repositories/app";

    @RegisterExtension
    static AzureDevOpsFake ado = new AzureDevOpsFake(PAT);

    private static Http.Answer call(String method, String path, String body) {
        return Http.send(method, ado.url() + path, body, "Authorization", BASIC, "Content-Type", "application/json");
    }

    @Test
    void aPullRequestIsCreatedListedAndUpdated() {
        Http.Answer created = call("POST", REPO + "/pullrequests?api-version=7.1",
                "{\"sourceRefName\":\"refs/heads/slipway/web\",\"targetRefName\":\"refs/heads/main\",\"title\":\"Deploy web\"}");
        assertThat(created.status()).isEqualTo(201);
        int id = created.json().get("pullRequestId").asInt();
        assertThat(created.json().get("status").asText()).isEqualTo("active");
        assertThat(created.json().has("repositoryKey")).as("no bookkeeping in answers").isFalse();

        Http.Answer listed = call("GET", REPO + "/pullrequests?searchCriteria.sourceRefName=refs/heads/slipway/web"
                + "&searchCriteria.status=active&api-version=7.1", null);
        assertThat(listed.json().get("count").asInt()).isEqualTo(1);

        Http.Answer updated = call("PATCH", REPO + "/pullrequests/" + id + "?api-version=7.1", "{\"status\":\"abandoned\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("status").asText()).isEqualTo("abandoned");
    }

    @Test
    void aSecondActivePullRequestForTheSameBranchesIsAConflict() {
        String body = "{\"sourceRefName\":\"refs/heads/dup\",\"targetRefName\":\"refs/heads/main\",\"title\":\"x\"}";
        call("POST", "/org/proj/_apis/git/repositories/dup/pullrequests?api-version=7.1", body);
        Http.Answer second = call("POST", "/org/proj/_apis/git/repositories/dup/pullrequests?api-version=7.1", body);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("message").asText()).startsWith("TF401179");
    }

    @Test
    void aMissingApiVersionIsRejectedButTheAcceptHeaderMayCarryIt() {
        Http.Answer missing = call("GET", REPO + "/pullrequests", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("typeKey").asText()).isEqualTo("VssVersionNotSpecifiedException");
        Http.Answer inAccept = Http.send("GET", ado.url() + REPO + "/pullrequests", null,
                "Authorization", BASIC, "Accept", "application/json; api-version=7.1");
        assertThat(inAccept.status()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        Http.Answer answer = Http.send("POST", ado.url() + REPO + "/pullrequests?api-version=7.1", "title=x",
                "Authorization", BASIC, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(answer.status()).isEqualTo(415);
    }

    @Test
    void missingOrWrongCredentialsAreUnauthorized() {
        assertThat(Http.send("GET", ado.url() + REPO + "/pullrequests?api-version=7.1", null).status()).isEqualTo(401);
        String wrong = "Basic " + Base64.getEncoder().encodeToString(":other".getBytes(StandardCharsets.UTF_8));
        assertThat(Http.send("GET", ado.url() + REPO + "/pullrequests?api-version=7.1", null, "Authorization", wrong).status())
                .isEqualTo(401);
        assertThat(Http.send("GET", ado.url() + REPO + "/pullrequests?api-version=7.1", null,
                "Authorization", "Bearer " + PAT).status()).isEqualTo(200);
    }

    @Test
    void aSourceBranchThatIsNotAFullRefIsRejected() {
        Http.Answer answer = call("POST", REPO + "/pullrequests?api-version=7.1",
                "{\"sourceRefName\":\"feature\",\"targetRefName\":\"refs/heads/main\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("sourceRefName");
    }

    @Test
    void pullRequestAndCommitStatusesAreCreatedAndListed() {
        int id = call("POST", "/org/proj/_apis/git/repositories/st/pullrequests?api-version=7.1",
                "{\"sourceRefName\":\"refs/heads/s\",\"targetRefName\":\"refs/heads/main\"}").json().get("pullRequestId").asInt();
        String status = "{\"state\":\"succeeded\",\"description\":\"deployed\",\"context\":{\"name\":\"deploy\",\"genre\":\"slipway\"}}";
        assertThat(call("POST", "/org/proj/_apis/git/repositories/st/pullRequests/" + id + "/statuses?api-version=7.1", status)
                .status()).isEqualTo(200);
        String sha = "c".repeat(40);
        assertThat(call("POST", "/org/proj/_apis/git/repositories/st/commits/" + sha + "/statuses?api-version=7.1", status)
                .status()).isEqualTo(201);

        Http.Answer listed = call("GET", "/org/proj/_apis/git/repositories/st/commits/" + sha + "/statuses?api-version=7.1", null);
        assertThat(listed.json().get("count").asInt()).isEqualTo(1);
        assertThat(listed.json().at("/value/0/context/genre").asText()).isEqualTo("slipway");
    }

    @Test
    void aStatusWithoutContextOrWithAnUnknownStateIsRejected() {
        String sha = "d".repeat(40);
        assertThat(call("POST", REPO + "/commits/" + sha + "/statuses?api-version=7.1", "{\"state\":\"succeeded\"}").status())
                .isEqualTo(400);
        assertThat(call("POST", REPO + "/commits/" + sha + "/statuses?api-version=7.1",
                "{\"state\":\"done\",\"context\":{\"name\":\"x\"}}").status()).isEqualTo(400);
        assertThat(call("POST", REPO + "/pullRequests/999/statuses?api-version=7.1",
                "{\"state\":\"succeeded\",\"context\":{\"name\":\"x\"}}").status()).isEqualTo(404);
    }

    @Test
    void aCompletedPullRequestReportsItsLastMergeCommit() {
        int id = call("POST", REPO + "/pullrequests?api-version=7.1",
                "{\"title\":\"m\",\"sourceRefName\":\"refs/heads/slipway/m\",\"targetRefName\":\"refs/heads/main\"}")
                .json().get("pullRequestId").asInt();
        assertThat(call("GET", REPO + "/pullrequests/" + id + "?api-version=7.1", null).json().get("status").asText())
                .isEqualTo("active");

        ado.complete(id, "d".repeat(40));

        Http.Answer completed = call("GET", REPO + "/pullrequests/" + id + "?api-version=7.1", null);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().get("status").asText()).isEqualTo("completed");
        assertThat(completed.json().at("/lastMergeCommit/commitId").asText()).isEqualTo("d".repeat(40));
        assertThat(completed.json().has("repositoryKey")).isFalse();
        assertThat(call("GET", REPO + "/pullrequests/999?api-version=7.1", null).status()).isEqualTo(404);
    }
}
