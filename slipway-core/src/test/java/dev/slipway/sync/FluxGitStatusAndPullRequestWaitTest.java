package dev.slipway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.AuthenticationException;
import dev.slipway.support.DeadlineExceededException;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.fakes.AzureDevOpsFake;
import dev.slipway.testsupport.fakes.GitHubFake;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flux through the Git host: the commit statuses Flux's notification-controller would post (here posted by the
 * test to the GitHub and Azure DevOps fakes, with Flux's context and description format), and pull requests
 * merged by the test.
 */
@Tag("server")
class FluxGitStatusAndPullRequestWaitTest {
    static final String GITHUB_TOKEN = Canary.of("github-token");
    static final String AZURE_TOKEN = Canary.of("azure-pat");
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @RegisterExtension
    static GitHubFake github = new GitHubFake(GITHUB_TOKEN);
    @RegisterExtension
    static AzureDevOpsFake azure = new AzureDevOpsFake(AZURE_TOKEN);

    final WaitTestSupport support = new WaitTestSupport();

    static String sha(char c) {
        return String.valueOf(c).repeat(40);
    }

    WaitRequest githubRequest(String object, String commit, Secret token, Duration deadline, Integer pullRequest) {
        return new WaitRequest(WaitRequest.Source.FLUX_GIT_STATUS, object, commit, null, null, null, false, deadline,
                Duration.ofMillis(10), new WaitRequest.GitRepository("https://github.com/acme/apps.git", "main", null,
                        "github", github.url(), token), pullRequest, null);
    }

    WaitRequest azureRequest(String object, String commit) {
        return new WaitRequest(WaitRequest.Source.FLUX_GIT_STATUS, object, commit, null, null, null, false,
                Duration.ofSeconds(30), Duration.ofMillis(10), new WaitRequest.GitRepository(
                        "https://dev.azure.com/acme/shop/_git/apps", "main", null, null, azure.url(), Secret.of(AZURE_TOKEN)),
                null, null);
    }

    WaitResult await(WaitRequest request) {
        return new SyncWaiter(support.events, support.http, access -> { throw new AssertionError("no cluster here"); })
                .await(request);
    }

    /** What Flux's GitHub provider posts: context kind/name/provider-uid-prefix, description the reason in words. */
    static void githubStatus(String commit, String context, String state, String description) {
        post(github.url() + "/repos/acme/apps/statuses/" + commit, "Bearer " + GITHUB_TOKEN,
                "{\"state\":\"" + state + "\",\"context\":\"" + context + "\",\"description\":\"" + description + "\"}");
    }

    static void post(String url, String authorization, String json) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int statusReads(String commit) {
        return (int) github.requests().stream().filter(r -> r.method().equals("GET") && r.path().contains(commit)).count();
    }

    @Test
    void successStatusForOurKustomizationEndsTheWaitAndOtherContextsDoNotCount() {
        String commit = sha('a');
        githubStatus(commit, "ci/build", "success", "build passed");
        githubStatus(commit, "kustomization/web-staging/0c9c2e41", "success", "reconciliation succeeded");
        WaitTestSupport.when(() -> statusReads(commit), 2,
                () -> githubStatus(commit, "kustomization/web/0c9c2e41", "success", "reconciliation succeeded"));

        WaitResult result = await(githubRequest("flux-system/web", commit, Secret.of(GITHUB_TOKEN), Duration.ofSeconds(30), null));

        assertThat(result.live()).isTrue();
        assertThat(result.message()).contains("kustomization/web/0c9c2e41: success (reconciliation succeeded)");
        assertThat(support.transcript()).contains("no Flux status for kustomization/web");
    }

    @Test
    void aFluxFailureStatusFailsTheWaitWithItsDescription() {
        String commit = sha('b');
        githubStatus(commit, "kustomization/web/0c9c2e41", "failure", "health check failed");

        WaitResult result = await(githubRequest("web", commit, Secret.of(GITHUB_TOKEN), Duration.ofSeconds(30), null));

        assertThat(result.live()).isFalse();
        assertThat(result.message()).isEqualTo("Flux reported kustomization/web/0c9c2e41: failure (health check failed)");
    }

    @Test
    void theNewestStatusOfTheObjectDecides() {
        String commit = sha('c');
        githubStatus(commit, "helmrelease/web/0c9c2e41", "failure", "install failed");
        githubStatus(commit, "helmrelease/web/0c9c2e41", "success", "install succeeded");

        WaitResult result = await(githubRequest("HelmRelease/apps/web", commit, Secret.of(GITHUB_TOKEN), Duration.ofSeconds(30), null));

        assertThat(result.live()).isTrue();
    }

    @Test
    void azureDevOpsErrorStatusFromFluxFailsTheWait() {
        String commit = sha('d');
        post(azure.url() + "/acme/shop/_apis/git/repositories/apps/commits/" + commit + "/statuses?api-version=7.1",
                "Basic " + Base64.getEncoder().encodeToString((":" + AZURE_TOKEN).getBytes(StandardCharsets.UTF_8)),
                "{\"state\":\"error\",\"description\":\"build failed\",\"context\":{\"genre\":\"fluxcd\",\"name\":\"kustomization/web\"}}");

        WaitResult result = await(azureRequest("web", commit));

        assertThat(result.live()).isFalse();
        assertThat(result.message()).contains("fluxcd/kustomization/web: error (build failed)");
    }

    @Test
    void azureDevOpsSucceededStatusEndsTheWait() {
        String commit = sha('e');
        post(azure.url() + "/acme/shop/_apis/git/repositories/apps/commits/" + commit + "/statuses?api-version=7.1",
                "Basic " + Base64.getEncoder().encodeToString((":" + AZURE_TOKEN).getBytes(StandardCharsets.UTF_8)),
                "{\"state\":\"succeeded\",\"description\":\"reconciliation succeeded\",\"context\":{\"genre\":\"fluxcd\",\"name\":\"kustomization/web\"}}");

        assertThat(await(azureRequest("flux-system/web", commit)).live()).isTrue();
    }

    @Test
    void aSquashMergedPullRequestIsFollowedToItsMergeCommit() {
        String ours = sha('1');
        String squash = sha('2');
        post(github.url() + "/repos/acme/apps/pulls", "Bearer " + GITHUB_TOKEN,
                "{\"title\":\"web 2\",\"head\":\"slipway/web\",\"base\":\"main\"}");
        int number = (Integer) github.pullRequests().get(github.pullRequests().size() - 1).get("number");
        WaitTestSupport.when(() -> (int) github.requests().stream().filter(r -> r.path().endsWith("/pulls/" + number)).count(), 2,
                () -> {
                    github.merge(number, squash);
                    githubStatus(squash, "kustomization/web/0c9c2e41", "success", "reconciliation succeeded");
                });

        WaitResult result = await(githubRequest("web", ours, Secret.of(GITHUB_TOKEN), Duration.ofSeconds(30), number));

        assertThat(result.live()).isTrue();
        assertThat(result.commit()).isEqualTo(squash);
        assertThat(support.transcript()).contains("merged as " + squash.substring(0, 12) + "; following that commit");
        assertThat(github.requests().stream().noneMatch(r -> r.path().contains(ours))).isTrue();
    }

    @Test
    void aPullRequestClosedWithoutMergeFailsTheWait() {
        post(github.url() + "/repos/acme/apps/pulls", "Bearer " + GITHUB_TOKEN,
                "{\"title\":\"web 3\",\"head\":\"slipway/closed\",\"base\":\"main\"}");
        int number = (Integer) github.pullRequests().get(github.pullRequests().size() - 1).get("number");
        try {
            HttpResponse<String> closed = CLIENT.send(HttpRequest.newBuilder(URI.create(github.url() + "/repos/acme/apps/pulls/" + number))
                    .header("Authorization", "Bearer " + GITHUB_TOKEN).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\":\"closed\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(closed.statusCode()).isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }

        WaitResult result = await(githubRequest("web", sha('3'), Secret.of(GITHUB_TOKEN), Duration.ofSeconds(30), number));

        assertThat(result.live()).isFalse();
        assertThat(result.message()).contains("closed without being merged");
    }

    @Test
    void azureDevOpsCompletedPullRequestIsFollowedToItsMergeCommit() {
        String merge = sha('4');
        post(azure.url() + "/acme/shop/_apis/git/repositories/apps/pullrequests?api-version=7.1",
                "Basic " + Base64.getEncoder().encodeToString((":" + AZURE_TOKEN).getBytes(StandardCharsets.UTF_8)),
                "{\"title\":\"web\",\"sourceRefName\":\"refs/heads/slipway/web\",\"targetRefName\":\"refs/heads/main\"}");
        int id = (Integer) azure.pullRequests().get(azure.pullRequests().size() - 1).get("pullRequestId");
        azure.complete(id, merge);
        post(azure.url() + "/acme/shop/_apis/git/repositories/apps/commits/" + merge + "/statuses?api-version=7.1",
                "Basic " + Base64.getEncoder().encodeToString((":" + AZURE_TOKEN).getBytes(StandardCharsets.UTF_8)),
                "{\"state\":\"succeeded\",\"description\":\"reconciliation succeeded\",\"context\":{\"genre\":\"fluxcd\",\"name\":\"kustomization/web\"}}");
        WaitRequest base = azureRequest("web", sha('5'));
        WaitRequest request = new WaitRequest(base.source(), base.application(), base.commit(), null, null, null, false,
                base.deadline(), base.pollInterval(), base.repository(), id, null);

        WaitResult result = await(request);

        assertThat(result.live()).isTrue();
        assertThat(result.commit()).isEqualTo(merge);
    }

    @Test
    void noStatusBeforeTheDeadlineSaysSo() {
        assertThatThrownBy(() -> await(githubRequest("web", sha('6'), Secret.of(GITHUB_TOKEN), Duration.ofMillis(200), null)))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("Kustomization/flux-system/web did not show 666666666666 live within PT0.2S")
                .hasMessageContaining("no Flux status for kustomization/web");
    }

    @Test
    void aWrongGitHostTokenIsAnAuthenticationErrorWithoutTheToken() {
        String wrong = Canary.of("wrong-github");
        assertThatThrownBy(() -> await(githubRequest("web", sha('7'), Secret.of(wrong), Duration.ofSeconds(30), null)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("GitHub acme/apps refused the token")
                .hasMessageContaining("Bad credentials")
                .satisfies(e -> assertThat(((AuthenticationException) e).describe()).doesNotContain(wrong));
        assertThat(support.transcript()).doesNotContain(wrong).doesNotContain(GITHUB_TOKEN);
    }
}
