package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitOpsStepLabelsTest {
    private static final String DIGEST = "sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";

    @Test
    void anUpdateNamesTheImageByShortDigestAndTheRepositoryBranchAndPath() {
        assertThat(StepLabels.gitopsUpdate("shop.azurecr.io/shop/web@" + DIGEST, "https://git.example.com/shop/gitops.git",
                null, "apps/shop", false)).isEqualTo("update web@sha256:1a2b… → gitops/main:apps/shop");
        assertThat(StepLabels.gitopsUpdate("shop.azurecr.io/shop/web:1.4@" + DIGEST, "git@github.com:contoso/gitops.git",
                "release", null, true)).isEqualTo("update web:1.4@sha256:1a2b… → gitops/release (pull request)");
    }

    @Test
    void anUpdateLabelRendersForMissingOrBadInput() {
        assertThat(StepLabels.gitopsUpdate(null, null, null, null, false)).isEqualTo("update");
        assertThat(StepLabels.gitopsUpdate("Not An Image!", "gitops", null, null, false))
                .isEqualTo("update Not An Image! → gitops/main");
    }

    @Test
    void aWaitNamesTheShortCommitAndWhatIsWatched() {
        assertThat(StepLabels.waitForSync("0123456789abcdef", "shop-prod", null)).isEqualTo("wait for 0123456 → Argo CD shop-prod");
        assertThat(StepLabels.waitForSync("0123456789abcdef", null, "flux-system/apps"))
                .isEqualTo("wait for 0123456 → Flux flux-system/apps");
        assertThat(StepLabels.waitForSync(null, null, null)).isEqualTo("wait for commit");
    }
}
