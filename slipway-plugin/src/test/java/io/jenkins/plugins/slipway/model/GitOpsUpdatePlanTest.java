package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Change;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitOpsUpdatePlanTest {
    private static final String CANARY_URL_SECRET = Canary.of("url-secret");
    private static final String DIGEST = "sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
    private static final String IMAGE = "shop.azurecr.io/shop/web@" + DIGEST;
    private static final String REPO = "https://git.example.com/shop/gitops.git";
    private static final Provenance PROVENANCE = new Provenance(null, "abc", null, null, 7L, "d-1");

    @Test
    void theRequiredValuesMapToAPushToMainOfTheWholeRepositoryWithTheDefaultPin() {
        GitAuth auth = new GitAuth.UsernamePassword("bot", Secret.of("token-value"));

        GitOpsUpdateRequest request = GitOpsUpdatePlan.request(GitOpsUpdateSettings.of(REPO, IMAGE), auth, null, PROVENANCE);

        assertThat(request.repositoryUrl()).isEqualTo(REPO);
        assertThat(request.branch()).isEqualTo("main");
        assertThat(request.path()).isEmpty();
        assertThat(request.images()).containsExactly(ImageRef.parse(IMAGE));
        assertThat(request.pin()).isEqualTo(GitOpsUpdateRequest.Pin.DEFAULT);
        assertThat(request.auth()).isSameAs(auth);
        assertThat(request.pullRequest()).isNull();
        assertThat(request.allowDowngrade()).isFalse();
        assertThat(request.provenance()).isEqualTo(PROVENANCE);
        assertThat(request.helmKeys()).isEmpty();
    }

    @Test
    void everyOptionalSettingReachesTheRequest() {
        GitOpsUpdateSettings settings = new GitOpsUpdateSettings(REPO, "shop.azurecr.io/shop/web:1.4@" + DIGEST, "release",
                "apps/shop", "both", "Deliver {image}", "Release Bot <bot@example.com>", "git", null, false, true,
                "github", "https://github.example.com/api/v3", "pr-token", true);

        GitOpsUpdateRequest request = GitOpsUpdatePlan.request(settings, new GitAuth.None(), Secret.of("pr-token-value"),
                PROVENANCE);

        assertThat(request.branch()).isEqualTo("release");
        assertThat(request.path()).isEqualTo("apps/shop");
        assertThat(request.images().get(0).tag()).contains("1.4");
        assertThat(request.pin()).isEqualTo(GitOpsUpdateRequest.Pin.BOTH);
        assertThat(request.commitMessage()).isEqualTo("Deliver {image}");
        assertThat(request.author()).isEqualTo("Release Bot <bot@example.com>");
        assertThat(request.pullRequest()).isEqualTo(new GitOpsUpdateRequest.PullRequestOptions("github",
                "https://github.example.com/api/v3", Secret.of("pr-token-value")));
        assertThat(request.allowDowngrade()).isTrue();
    }

    @Test
    void anImageWithoutADigestIsRefusedSinceTheCommitMustNameWhatWasBuilt() {
        assertThatThrownBy(() -> GitOpsUpdatePlan.request(GitOpsUpdateSettings.of(REPO, "shop.azurecr.io/shop/web:1.4"),
                new GitAuth.None(), null, PROVENANCE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("image").hasMessageContaining("has no digest")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).contains("acrBuild"));
        assertThatThrownBy(() -> GitOpsUpdatePlan.image(" ")).hasMessageContaining("is empty");
    }

    @Test
    void repositoryUrlsThatAreNotGitOrCarryAPasswordAreRefused() {
        assertThatThrownBy(() -> GitOpsUpdatePlan.repository(null)).hasMessageContaining("repository: is empty");
        assertThatThrownBy(() -> GitOpsUpdatePlan.repository("gitops")).hasMessageContaining("is not a Git URL");
        assertThatThrownBy(() -> GitOpsUpdatePlan.repository("https://bot:" + CANARY_URL_SECRET + "@git.example.com/g.git"))
                .hasMessageContaining("carries a password").hasMessageNotContaining(CANARY_URL_SECRET);
        assertThat(GitOpsUpdatePlan.repository("git@github.com:contoso/gitops.git")).isEqualTo("git@github.com:contoso/gitops.git");
        assertThat(GitOpsUpdatePlan.repository("ssh://git@127.0.0.1:2222/gitops.git")).startsWith("ssh://");
    }

    @Test
    void badPinAndPullRequestSettingsAreRefusedNamingTheField() {
        GitOpsUpdateSettings pin = new GitOpsUpdateSettings(REPO, IMAGE, null, null, "latest", null, null, null, null,
                false, false, null, null, null, false);
        assertThatThrownBy(() -> GitOpsUpdatePlan.request(pin, new GitAuth.None(), null, PROVENANCE))
                .hasMessageContaining("pin: 'latest' is not a pin");
        GitOpsUpdateSettings host = new GitOpsUpdateSettings(REPO, IMAGE, null, null, null, null, null, null, null,
                false, true, "gitlab", null, null, false);
        assertThatThrownBy(() -> GitOpsUpdatePlan.request(host, new GitAuth.None(), null, PROVENANCE))
                .hasMessageContaining("pullRequestHost");
        GitOpsUpdateSettings stray = new GitOpsUpdateSettings(REPO, IMAGE, null, null, null, null, null, null, null,
                false, false, null, null, "pr-token", false);
        assertThatThrownBy(() -> GitOpsUpdatePlan.request(stray, new GitAuth.None(), null, PROVENANCE))
                .hasMessageContaining("pullRequest: pull-request settings are given but pullRequest is off");
    }

    @Test
    void theResultIsAMapOfStringsWithEmptyValuesForWhatDidNotHappen() {
        List<Change> changes = List.of(
                new Change("apps/shop/kustomization.yaml", 0, "images[0].digest", "sha256:old", DIGEST),
                new Change("apps/shop/kustomization.yaml", 0, "images[0].newTag", "1.3", "1.4"),
                new Change("apps/shop/web.yaml", 0, "spec.template.spec.containers[0].image", "a", "b"));

        Map<String, String> pushed = GitOpsUpdatePlan.stepResult(new GitOpsUpdateResult(changes, false, "c0ffee", null, null), "d-1");
        Map<String, String> opened = GitOpsUpdatePlan.stepResult(
                new GitOpsUpdateResult(List.of(), false, "c0ffee", "https://github.com/o/r/pull/5", 5), "d-2");

        assertThat(pushed).containsExactly(Map.entry("commit", "c0ffee"), Map.entry("prUrl", ""), Map.entry("prNumber", ""),
                Map.entry("changed", "apps/shop/kustomization.yaml (2), apps/shop/web.yaml (1)"),
                Map.entry("upToDate", "false"), Map.entry("deliveryId", "d-1"));
        assertThat(opened).containsEntry("prUrl", "https://github.com/o/r/pull/5").containsEntry("prNumber", "5")
                .containsEntry("changed", "");
    }
}
