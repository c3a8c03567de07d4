package dev.slipway.testsupport.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void markupCharactersAreEscapedAndOtherTextIsLeftAlone() {
        assertThat(Markdown.escape("below <dir>; **/values*.yaml | [x] `y` a_b $HOME"))
                .isEqualTo("below \\<dir\\>; \\*\\*/values\\*.yaml \\| \\[x\\] \\`y\\` a_b $HOME");
    }

    @Test
    void anchorsAreGitHubHeadingIds() {
        assertThat(Markdown.anchor("`slipway gitops update`")).isEqualTo("slipway-gitops-update");
        assertThat(Markdown.anchor("Azure Kubernetes Service (push mode)")).isEqualTo("azure-kubernetes-service-push-mode");
        assertThat(Markdown.anchor("Argo CD (GitOps mode, the wait)")).isEqualTo("argo-cd-gitops-mode-the-wait");
    }
}
