package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.image.ImageRef;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcrCopyPlanTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void settingsBecomeACopyRequestWithTheTargetsTagFirst() {
        AcrCopySettings settings = AcrCopySettings.of(" dev.azurecr.io/shop/web@" + DIGEST + " ",
                "prod.azurecr.io/shop/web:1.4").withTags(List.of("stable", "1.4", " "));
        RegistryAuth source = new RegistryAuth.Anonymous();
        RegistryAuth target = new RegistryAuth.Basic("prod", Secret.of("pw"));

        CopyRequest request = AcrCopyPlan.copyRequest(settings, source, target, RegistryTransport.defaults());

        assertThat(request.source()).isEqualTo(ImageRef.parse("dev.azurecr.io/shop/web@" + DIGEST));
        assertThat(request.target()).isEqualTo(ImageRef.parse("prod.azurecr.io/shop/web"));
        assertThat(request.tags()).containsExactly("1.4", "stable");
        assertThat(request.sourceAuth()).isSameAs(source);
        assertThat(request.targetAuth()).isSameAs(target);
    }

    @Test
    void theTargetCredentialDefaultsToTheSources() {
        assertThat(AcrCopySettings.of("a/b", "c/d").withSourceCredentialsId("acr").effectiveTargetCredentialsId())
                .isEqualTo("acr");
        assertThat(AcrCopySettings.of("a/b", "c/d").withSourceCredentialsId("dev").withTargetCredentialsId("prod")
                .effectiveTargetCredentialsId()).isEqualTo("prod");
    }

    @Test
    void missingImagesAndATargetDigestAreRefusedNamingTheField() {
        assertThatThrownBy(() -> AcrCopyPlan.source(AcrCopySettings.of(" ", "c/d")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("source"));
        assertThatThrownBy(() -> AcrCopyPlan.target(AcrCopySettings.of("a/b", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("target"));
        assertThatThrownBy(() -> AcrCopyPlan.target(AcrCopySettings.of("a/b", "prod.azurecr.io/shop/web@" + DIGEST)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("target");
                    assertThat(e.fix()).contains("keeps the source's digest");
                });
    }

    @Test
    void theResultNamesTheCopyByDigest() {
        CopyResult copied = new CopyResult(ImageRef.parse("prod.azurecr.io/shop/web@" + DIGEST), List.of("1.4", "stable"),
                2, 0, 1);

        assertThat(AcrCopyPlan.stepResult(copied)).containsExactly(
                org.assertj.core.api.Assertions.entry("image", "prod.azurecr.io/shop/web@" + DIGEST),
                org.assertj.core.api.Assertions.entry("digest", DIGEST),
                org.assertj.core.api.Assertions.entry("tags", "1.4,stable"));
    }
}
