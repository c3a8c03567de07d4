package dev.slipway.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubFakeTest {
    @RegisterExtension
    static GitHubFake github = new GitHubFake("gh-token");

    private static Http.Answer call(String method, String path, String body) {
        return Http.send(method, github.url() + path, body, "Authorization", "Bearer gh-token",
                "Accept", "application/vnd.github+json", "Content-Type", "application/json");
    }

    @Test
    void aPullRequestIsCreatedListedAndUpdated() {
        Http.Answer created = call("POST", "/repos/org/app/pulls",
                "{\"title\":\"Deploy web 2\",\"head\":\"slipway/web\",\"base\":\"main\",\"body\":\"digest\"}");
        assertThat(created.status()).isEqualTo(201);
        int number = created.json().get("number").asInt();
        assertThat(created.json().at("/head/label").asText()).isEqualTo("org:slipway/web");
        assertThat(created.json().get("state").asText()).isEqualTo("open");

        Http.Answer listed = call("GET", "/repos/org/app/pulls?state=open&head=org:slipway/web&base=main", null);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).get("number").asInt()).isEqualTo(number);

        Http.Answer updated = call("PATCH", "/repos/org/app/pulls/" + number, "{\"title\":\"Deploy web 3\",\"state\":\"closed\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("title").asText()).isEqualTo("Deploy web 3");
        assertThat(call("GET", "/repos/org/app/pulls?head=org:slipway/web", null).json()).isEmpty();
    }

    @Test
    void aSecondOpenPullRequestForTheSameHeadIsAValidationFailure() {
        call("POST", "/repos/org/dup/pulls", "{\"title\":\"a\",\"head\":\"feature\",\"base\":\"main\"}");
        Http.Answer second = call("POST", "/repos/org/dup/pulls", "{\"title\":\"b\",\"head\":\"feature\",\"base\":\"main\"}");
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().at("/errors/0/message").asText()).isEqualTo("A pull request already exists for org:feature.");
    }

    @Test
    void missingFieldsAndBadJsonAreRejected() {
        Http.Answer missing = call("POST", "/repos/org/app/pulls", "{\"title\":\"a\",\"base\":\"main\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("head");
        assertThat(call("POST", "/repos/org/app/pulls", "not json").status()).isEqualTo(400);
    }

    @Test
    void withoutOrWithAWrongTokenTheCallIsUnauthorized() {
        Http.Answer none = Http.send("POST", github.url() + "/repos/org/app/pulls", "{}", "Content-Type", "application/json");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("message").asText()).isEqualTo("Requires authentication");
        Http.Answer wrong = Http.send("GET", github.url() + "/repos/org/app/pulls", null, "Authorization", "token nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("message").asText()).isEqualTo("Bad credentials");
    }

    @Test
    void aReadWithoutTokenDoesNotRevealThePrivateRepository() {
        assertThat(Http.send("GET", github.url() + "/repos/org/app/pulls", null).status()).isEqualTo(404);
    }

    @Test
    void anUnknownPullRequestIsNotFound() {
        assertThat(call("PATCH", "/repos/org/app/pulls/999", "{\"title\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void commitStatusesAreCreatedAndListedNewestFirst() {
        String sha = "a".repeat(40);
        Http.Answer pending = call("POST", "/repos/org/app/statuses/" + sha,
                "{\"state\":\"pending\",\"context\":\"slipway/deploy\",\"description\":\"waiting\"}");
        assertThat(pending.status()).isEqualTo(201);
        call("POST", "/repos/org/app/statuses/" + sha, "{\"state\":\"success\",\"context\":\"slipway/deploy\"}");

        Http.Answer listed = call("GET", "/repos/org/app/commits/" + sha + "/statuses", null);
        assertThat(listed.json()).hasSize(2);
        assertThat(listed.json().get(0).get("state").asText()).isEqualTo("success");
        assertThat(github.commitStatuses()).hasSize(2);
    }

    @Test
    void anUnknownStatusStateIsRejected() {
        Http.Answer answer = call("POST", "/repos/org/app/statuses/" + "b".repeat(40), "{\"state\":\"done\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("message").asText()).isEqualTo("Validation Failed");
    }

    @Test
    void aMergedPullRequestReportsItsMergeCommit() {
        int number = call("POST", "/repos/org/merge/pulls", "{\"title\":\"m\",\"head\":\"slipway/m\",\"base\":\"main\"}")
                .json().get("number").asInt();
        Http.Answer open = call("GET", "/repos/org/merge/pulls/" + number, null);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().get("merged").asBoolean()).isFalse();
        assertThat(open.json().get("merge_commit_sha").isNull()).isTrue();

        github.merge(number, "c".repeat(40));

        Http.Answer merged = call("GET", "/repos/org/merge/pulls/" + number, null);
        assertThat(merged.json().get("merged").asBoolean()).isTrue();
        assertThat(merged.json().get("state").asText()).isEqualTo("closed");
        assertThat(merged.json().get("merge_commit_sha").asText()).isEqualTo("c".repeat(40));
        assertThat(call("GET", "/repos/org/merge/pulls/999", null).status()).isEqualTo(404);
    }
}
