package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitOpsFieldChecksTest {
    private static final String DIGEST = "sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";

    @Test
    void goodValuesHaveNoProblem() {
        assertThat(GitOpsFieldChecks.repository("https://git.example.com/shop/gitops.git")).isEmpty();
        assertThat(GitOpsFieldChecks.image("shop.azurecr.io/shop/web@" + DIGEST)).isEmpty();
        assertThat(GitOpsFieldChecks.pin("")).isEmpty();
        assertThat(GitOpsFieldChecks.pin("digest")).isEmpty();
        assertThat(GitOpsFieldChecks.commit("0123456")).isEmpty();
        assertThat(GitOpsFieldChecks.duration("timeout", "")).isEmpty();
        assertThat(GitOpsFieldChecks.duration("timeout", "15m")).isEmpty();
    }

    @Test
    void aProblemSaysWhatIsWrongAndTheFixWithoutTheFieldPrefix() {
        assertThat(GitOpsFieldChecks.image("shop.azurecr.io/shop/web:1.4")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'shop.azurecr.io/shop/web:1.4' has no digest: give the image by digest"));
        assertThat(GitOpsFieldChecks.repository("")).hasValueSatisfying(problem -> assertThat(problem).startsWith("Is empty: give"));
        assertThat(GitOpsFieldChecks.pin("latest")).isPresent();
        assertThat(GitOpsFieldChecks.commit("main")).isPresent();
        assertThat(GitOpsFieldChecks.duration("timeout", "10")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("is not a duration"));
    }
}
