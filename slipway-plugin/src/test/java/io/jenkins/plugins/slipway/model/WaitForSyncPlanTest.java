package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitForSyncPlanTest {
    private static final String COMMIT = "0123456789ABCDEF0123456789abcdef01234567";
    private static final Secret ARGO_TOKEN = Secret.of("argo-token-value");
    private static final GitAuth GIT_TOKEN = new GitAuth.UsernamePassword("x-access-token", Secret.of("git-token-value"));

    @Test
    void argoCdIsWatchedThroughItsApiWithTheDefaultsOfTheEngine() {
        WaitRequest request = WaitForSyncPlan.request(WaitForSyncSettings.argoCd(COMMIT, "shop-prod",
                "https://argocd.example.com", "argo"), ARGO_TOKEN, new GitAuth.None());

        assertThat(request.source()).isEqualTo(WaitRequest.Source.ARGOCD_API);
        assertThat(request.application()).isEqualTo("shop-prod");
        assertThat(request.commit()).isEqualTo(COMMIT.toLowerCase());
        assertThat(request.endpoint()).isEqualTo("https://argocd.example.com");
        assertThat(request.token()).isEqualTo(ARGO_TOKEN);
        assertThat(request.cluster()).isNull();
        assertThat(request.deadline()).isEqualTo(WaitRequest.DEFAULT_DEADLINE);
        assertThat(request.pollInterval()).isEqualTo(WaitRequest.DEFAULT_POLL_INTERVAL);
        assertThat(request.repository()).isNull();
        assertThat(request.pullRequest()).isNull();
    }

    @Test
    void fluxIsWatchedThroughTheGitHostsStatusesWithTheGitCredentialsToken() {
        WaitForSyncSettings settings = new WaitForSyncSettings(COMMIT, null, null, null, "Kustomization/flux-system/apps",
                "https://github.com/contoso/gitops.git", "prod", "GitHub", null, "git", "#12", "1h30m", "500ms", true);

        WaitRequest request = WaitForSyncPlan.request(settings, null, GIT_TOKEN);

        assertThat(request.source()).isEqualTo(WaitRequest.Source.FLUX_GIT_STATUS);
        assertThat(request.application()).isEqualTo("Kustomization/flux-system/apps");
        assertThat(request.endpoint()).isNull();
        assertThat(request.token()).isNull();
        assertThat(request.repository()).isEqualTo(new WaitRequest.GitRepository("https://github.com/contoso/gitops.git",
                "prod", GIT_TOKEN, "github", null, Secret.of("git-token-value")));
        assertThat(request.pullRequest()).isEqualTo(12);
        assertThat(request.deadline()).isEqualTo(Duration.ofMinutes(90));
        assertThat(request.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(request.refresh()).isTrue();
    }

    @Test
    void exactlyOneOfArgoCdAndFluxIsNamed() {
        WaitForSyncSettings neither = WaitForSyncSettings.argoCd(COMMIT, null, null, null);
        WaitForSyncSettings both = new WaitForSyncSettings(COMMIT, "app", "https://argocd", "argo", "apps", null, null,
                null, null, null, null, null, null, false);

        assertThatThrownBy(() -> WaitForSyncPlan.request(neither, ARGO_TOKEN, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> WaitForSyncPlan.request(both, ARGO_TOKEN, null)).hasMessageContaining("both");
    }

    @Test
    void whatEachSourceNeedsIsRequiredNamingTheField() {
        assertThatThrownBy(() -> WaitForSyncPlan.request(WaitForSyncSettings.argoCd(COMMIT, "app", null, "argo"), ARGO_TOKEN, null))
                .hasMessageContaining("argoCdServer: is empty");
        assertThatThrownBy(() -> WaitForSyncPlan.request(WaitForSyncSettings.argoCd(COMMIT, "app", "https://a", null), null, null))
                .hasMessageContaining("argoCdCredentialsId: is empty");
        WaitForSyncSettings fluxWithoutToken = new WaitForSyncSettings(COMMIT, null, null, null, "apps",
                "https://github.com/contoso/gitops.git", null, null, null, null, null, null, null, false);
        assertThatThrownBy(() -> WaitForSyncPlan.request(fluxWithoutToken, null, new GitAuth.None()))
                .hasMessageContaining("fluxObject").hasMessageContaining("token");
        WaitForSyncSettings pullRequestWithoutRepository = new WaitForSyncSettings(COMMIT, "app", "https://a", "argo", null,
                null, null, null, null, null, "3", null, null, false);
        assertThatThrownBy(() -> WaitForSyncPlan.request(pullRequestWithoutRepository, ARGO_TOKEN, null))
                .hasMessageContaining("pullRequest");
    }

    @Test
    void commitsPullRequestsAndDurationsAreChecked() {
        assertThatThrownBy(() -> WaitForSyncPlan.commit("main")).hasMessageContaining("commit: 'main' is not a commit id");
        assertThatThrownBy(() -> WaitForSyncPlan.commit(null)).hasMessageContaining("commit: is empty");
        assertThat(WaitForSyncPlan.duration("timeout", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(WaitForSyncPlan.duration("timeout", " ")).isNull();
        for (String bad : new String[] {"10", "10 minutes", "m", "0s", "5s10"}) {
            assertThatThrownBy(() -> WaitForSyncPlan.duration("timeout", bad)).as(bad)
                    .hasMessageContaining("timeout: '" + bad + "' is not a duration");
        }
        WaitForSyncSettings badNumber = new WaitForSyncSettings(COMMIT, "app", "https://a", "argo", null,
                "https://github.com/c/g.git", null, null, null, "git", "twelve", null, null, false);
        assertThatThrownBy(() -> WaitForSyncPlan.request(badNumber, ARGO_TOKEN, GIT_TOKEN))
                .hasMessageContaining("pullRequest: 'twelve' is not a pull request number");
    }

    @Test
    void theResultIsAMapOfStrings() {
        assertThat(WaitForSyncPlan.stepResult(new WaitResult(true, "c1", "c2", "Synced/Healthy/Succeeded", "live",
                Duration.ofSeconds(3)))).containsEntry("status", "Synced/Healthy/Succeeded").containsEntry("revision", "c2")
                .containsEntry("commit", "c1").containsEntry("message", "live").containsEntry("live", "true");
    }
}
