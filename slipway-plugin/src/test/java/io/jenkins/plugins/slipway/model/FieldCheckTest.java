package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plain checks behind the forms' doCheck methods say what the step would refuse, and how to fix it. */
class FieldCheckTest {

    @Test
    void goodValuesAreAccepted() {
        assertThat(FieldCheck.copySource("dev.azurecr.io/shop/web@sha256:" + "a".repeat(64)).ok()).isTrue();
        assertThat(FieldCheck.copyTarget("prod.azurecr.io/shop/web:1.4").ok()).isTrue();
        assertThat(FieldCheck.manifests("k8s/base\nextra.yaml").ok()).isTrue();
        assertThat(FieldCheck.images("shop.azurecr.io/shop/web@sha256:" + "a".repeat(64) + " shop.azurecr.io/api:2").ok())
                .isTrue();
        assertThat(FieldCheck.images("").ok()).isTrue();
        assertThat(FieldCheck.timeout("").ok()).isTrue();
        assertThat(FieldCheck.timeout("90s").ok()).isTrue();
    }

    @Test
    void refusalsSayWhatIsWrongAndTheFixWithoutRepeatingTheFieldName() {
        FieldCheck digest = FieldCheck.copyTarget("prod.azurecr.io/shop/web@sha256:" + "a".repeat(64));
        assertThat(digest.ok()).isFalse();
        assertThat(digest.message()).startsWith("'prod.azurecr.io/shop/web@sha256:").contains("has a digest")
                .contains("keeps the source's digest").doesNotStartWith("target:");
        assertThat(FieldCheck.copySource(" ").message()).startsWith("is empty; give the image to copy");
        assertThat(FieldCheck.manifests(" , ").ok()).isFalse();
        assertThat(FieldCheck.timeout("soon").message()).contains("'soon' is not a duration").contains("5m");
        assertThat(FieldCheck.images("Not An Image").ok()).isFalse();
    }
}
