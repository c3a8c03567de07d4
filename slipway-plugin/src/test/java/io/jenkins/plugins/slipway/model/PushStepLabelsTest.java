package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels of acrCopy, aksDeploy and withAks (StepLabels). */
class PushStepLabelsTest {
    private static final String DIGEST = "sha256:1a2b" + "0".repeat(60);

    @Test
    void aksDeployNamesTheShortImageByDigestThenClusterAndNamespace() {
        assertThat(StepLabels.aksDeploy(List.of("shop.azurecr.io/shop/web@" + DIGEST), List.of("k8s"), "aks-prod", "shop"))
                .isEqualTo("deploy web@sha256:1a2b… → aks-prod/shop");
        assertThat(StepLabels.aksDeploy(List.of("shop.azurecr.io/shop/web:1.4@" + DIGEST, "shop.azurecr.io/shop/api:2"),
                List.of(), "aks-prod", null)).isEqualTo("deploy web:1.4@sha256:1a2b… (+1 image) → aks-prod");
        assertThat(StepLabels.aksDeploy(List.of("shop.azurecr.io/shop/web:1.4"), List.of(), null, "shop"))
                .isEqualTo("deploy web:1.4 → namespace shop");
    }

    @Test
    void aksDeployWithoutImagesNamesTheManifests() {
        assertThat(StepLabels.aksDeploy(List.of(), List.of("k8s/overlays/prod", "extra.yaml"), "aks-prod", "shop"))
                .isEqualTo("deploy k8s/overlays/prod → aks-prod/shop");
        assertThat(StepLabels.aksDeploy(null, null, null, null)).isEqualTo("deploy");
    }

    @Test
    void acrCopyNamesTheShortSourceAndTheTarget() {
        assertThat(StepLabels.acrCopy("dev.azurecr.io/shop/web@" + DIGEST, "prod.azurecr.io/shop/web"))
                .isEqualTo("copy web@sha256:1a2b… → prod.azurecr.io/shop/web");
        assertThat(StepLabels.acrCopy(null, " ")).isEqualTo("copy");
    }

    @Test
    void withAksNamesTheCluster() {
        assertThat(StepLabels.withAks("aks-prod", null)).isEqualTo("cluster login aks-prod");
        assertThat(StepLabels.withAks(null, null)).isEqualTo("cluster login");
    }

    @Test
    void badInputStillGivesALabel() {
        assertThat(StepLabels.aksDeploy(List.of("Not A/Valid Image"), List.of(), "c", null))
                .isEqualTo("deploy Not A/Valid Image → c");
    }
}
