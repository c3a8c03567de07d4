package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepLabelsTest {

    @Test
    void acrBuildNamesTheShortImageItsFirstTagAndTheRepository() {
        assertThat(StepLabels.acrBuild("shop.azurecr.io/shop/web", List.of("1.4")))
                .isEqualTo("build web:1.4 → shop.azurecr.io/shop/web");
        assertThat(StepLabels.acrBuild("shop.azurecr.io/shop/web", List.of("1.4", "latest", "{gitCommitShort}")))
                .isEqualTo("build web:1.4 (+2 tags) → shop.azurecr.io/shop/web");
        assertThat(StepLabels.acrBuild("shop.azurecr.io/web", List.of("1.4", "latest")))
                .isEqualTo("build web:1.4 (+1 tag) → shop.azurecr.io/web");
        assertThat(StepLabels.acrBuild("shop.azurecr.io/shop/web", List.of()))
                .isEqualTo("build web → shop.azurecr.io/shop/web");
    }

    @Test
    void badOrMissingInputStillGivesALabel() {
        assertThat(StepLabels.acrBuild("Not A/Valid Image", List.of("x"))).isEqualTo("build Valid Image:x → Not A/Valid Image");
        assertThat(StepLabels.acrBuild(null, null)).isEqualTo("build");
        assertThat(StepLabels.withAcr(" shop.azurecr.io ")).isEqualTo("registry login shop.azurecr.io");
    }
}
