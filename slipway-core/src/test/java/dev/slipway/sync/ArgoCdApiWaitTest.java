package dev.slipway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.DeadlineExceededException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.fakes.ArgoCdFake;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitDaemonServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.secrets.Canary;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Argo CD through its API (the fake of {@code GET /api/v1/applications/{name}}), history from a real git daemon. */
@Tag("server")
class ArgoCdApiWaitTest {
    static final String TOKEN = Canary.of("argocd-token");

    @RegisterExtension
    static ArgoCdFake argo = new ArgoCdFake(TOKEN);
    @RegisterExtension
    static GitDaemonServer git = GitServer.daemon();

    static BareRepo repo;
    static String older;
    static String ours;
    static String later;

    final WaitTestSupport support = new WaitTestSupport();

    @BeforeAll
    static void history() {
        repo = git.createRepo("apps");
        older = repo.seed("main", Map.of("deploy/web.yaml", "image: web:1\n"), "web 1");
        ours = repo.seed("main", Map.of("deploy/web.yaml", "image: web:2\n"), "web 2");
        for (int i = 0; i < 3; i++) {
            later = repo.seed("main", Map.of("deploy/other.yaml", "n: " + i + "\n"), "other " + i);
        }
    }

    WaitRequest request(String app, Secret token, Duration deadline, boolean refresh) {
        return new WaitRequest(WaitRequest.Source.ARGOCD_API, app, ours, argo.url(), token, null, refresh, deadline,
                Duration.ofMillis(10), new WaitRequest.GitRepository(repo.url(), "main", new GitAuth.None(), null, null, null),
                null, null);
    }

    WaitResult await(WaitRequest request) {
        return new SyncWaiter(support.events, support.http, access -> { throw new AssertionError("no cluster here"); })
                .await(request);
    }

    @Test
    void anOlderRevisionThatIsSyncedAndHealthyDoesNotEndTheWait() {
        argo.application("stale", "Synced", "Healthy", older, "Succeeded");
        WaitTestSupport.when(() -> (int) argo.requests().stream().filter(r -> r.path().endsWith("/stale")).count(), 3,
                () -> argo.application("stale", "Synced", "Healthy", ours, "Succeeded"));

        WaitResult result = await(request("stale", Secret.of(TOKEN), Duration.ofSeconds(30), false));

        assertThat(result.live()).isTrue();
        assertThat(result.revision()).isEqualTo(ours);
        assertThat(argo.requests().stream().filter(r -> r.path().endsWith("/stale")).count()).isGreaterThanOrEqualTo(4);
        assertThat(support.transcript()).contains("Argo CD shows revision " + older.substring(0, 12))
                .contains("does not carry " + ours.substring(0, 12));
    }

    @Test
    void aDescendantRevisionCountsAfterDeepeningTheShallowClone() {
        argo.application("descendant", "Synced", "Healthy", later, "Succeeded");

        WaitResult result = await(request("descendant", Secret.of(TOKEN), Duration.ofSeconds(30), false));

        assertThat(result.live()).isTrue();
        assertThat(result.revision()).isEqualTo(later);
        assertThat(result.status()).isEqualTo("Synced/Healthy/Succeeded");
    }

    @Test
    void ourRevisionStillSyncingIsWaitedForUntilTheOperationSucceeds() {
        argo.application("running", "Synced", "Progressing", ours, "Running");
        WaitTestSupport.when(() -> (int) argo.requests().stream().filter(r -> r.path().endsWith("/running")).count(), 2,
                () -> argo.application("running", "Synced", "Healthy", ours, "Succeeded"));

        WaitResult result = await(request("running", Secret.of(TOKEN), Duration.ofSeconds(30), false));

        assertThat(result.live()).isTrue();
        assertThat(support.transcript()).contains("sync operation is Running");
    }

    @Test
    void degradedAfterOurSyncFailsTheWait() {
        argo.application("degraded", "Synced", "Degraded", ours, "Succeeded");

        WaitResult result = await(request("degraded", Secret.of(TOKEN), Duration.ofSeconds(30), false));

        assertThat(result.live()).isFalse();
        assertThat(result.message()).startsWith("Degraded");
        assertThat(support.transcript()).contains("FAILED Application/degraded: Degraded");
    }

    @Test
    void aFailedSyncOfOurRevisionFailsTheWaitWithTheOperationsMessage() {
        argo.application("syncerror", "OutOfSync", "Missing", ours, "Failed");

        WaitResult result = await(request("syncerror", Secret.of(TOKEN), Duration.ofSeconds(30), false));

        assertThat(result.live()).isFalse();
        assertThat(result.message()).startsWith("OutOfSync: the sync of " + ours.substring(0, 12) + " failed: ");
    }

    @Test
    void refreshIsAskedForOnceAndItsStateIsUsed() {
        argo.application("refreshed", "Synced", "Healthy", older, "Succeeded");
        argo.afterRefresh("refreshed", "Synced", "Healthy", ours, "Succeeded");

        WaitResult result = await(request("refreshed", Secret.of(TOKEN), Duration.ofSeconds(30), true));

        assertThat(result.live()).isTrue();
        assertThat(argo.refreshCount("refreshed")).isEqualTo(1);
    }

    @Test
    void anApplicationInAnotherNamespaceIsAskedForWithAppNamespace() {
        argo.application("team-web", "Synced", "Healthy", ours, "Succeeded");

        WaitResult result = await(request("team-a/team-web", Secret.of(TOKEN), Duration.ofSeconds(30), true));

        assertThat(result.live()).isTrue();
        assertThat(argo.requests().stream().filter(r -> r.path().endsWith("/team-web")).findFirst().orElseThrow().query())
                .isEqualTo("appNamespace=team-a&refresh=normal");
    }

    @Test
    void theDeadlineEndsTheWaitWithTheLastStateSeen() {
        argo.application("late", "Synced", "Healthy", older, "Succeeded");

        assertThatThrownBy(() -> await(request("late", Secret.of(TOKEN), Duration.ofMillis(300), false)))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("did not show " + ours.substring(0, 12) + " live within PT0.3S")
                .hasMessageContaining("last seen: Argo CD shows revision " + older.substring(0, 12));
    }

    @Test
    void aWrongTokenIsAClearAuthenticationErrorThatNeverShowsAToken() {
        argo.application("auth", "Synced", "Healthy", ours, "Succeeded");
        String wrong = Canary.of("wrong-token");

        assertThatThrownBy(() -> await(request("auth", Secret.of(wrong), Duration.ofSeconds(30), false)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("refused the token (HTTP 401")
                .satisfies(e -> assertThat(((AuthenticationException) e).describe()).doesNotContain(wrong).doesNotContain(TOKEN)
                        .contains("argocd account generate-token"));
        assertThat(support.transcript()).doesNotContain(wrong);
    }

    @Test
    void anUnknownApplicationSaysWhatTheForbiddenAnswerMeans() {
        assertThatThrownBy(() -> await(request("nosuchapp", Secret.of(TOKEN), Duration.ofSeconds(30), false)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("'nosuchapp'").hasMessageContaining("does not exist, or the token's role may not get it");
    }

    @Test
    void theCanaryTokenNeverAppearsInEventsOrResults() {
        argo.application("canary", "Synced", "Healthy", older, "Succeeded");
        WaitTestSupport.when(() -> (int) argo.requests().stream().filter(r -> r.path().endsWith("/canary")).count(), 2,
                () -> argo.application("canary", "Synced", "Healthy", ours, "Succeeded"));

        WaitResult result = await(request("canary", Secret.of(TOKEN), Duration.ofSeconds(30), true));

        assertThat(support.seen).isNotEmpty();
        assertThat(support.transcript() + result).doesNotContain(TOKEN);
        assertThat(argo.requests().get(argo.requests().size() - 1).bearerToken()).isEqualTo(TOKEN);
    }

    @Test
    void missingInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> await(new WaitRequest(WaitRequest.Source.ARGOCD_API, "web", ours, null, Secret.of(TOKEN),
                null, false, null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("endpoint:");
        assertThatThrownBy(() -> await(new WaitRequest(WaitRequest.Source.ARGOCD_API, "web", "not-a-sha", argo.url(),
                Secret.of(TOKEN), null, false, null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("commit:");
        assertThatThrownBy(() -> await(new WaitRequest(WaitRequest.Source.ARGOCD_API, "web", ours, argo.url(), null,
                null, false, null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("token:");
    }
}
