package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PullRequestHostTest {

    @Test
    void recognisesGitHubUrls() {
        assertThat(PullRequestHost.of("https://github.com/contoso/gitops.git", null, null))
                .isEqualTo(new PullRequestHost.GitHub(URI.create("https://api.github.com"), "contoso", "gitops"));
        assertThat(PullRequestHost.of("git@github.com:contoso/gitops.git", null, null))
                .isEqualTo(new PullRequestHost.GitHub(URI.create("https://api.github.com"), "contoso", "gitops"));
        assertThat(PullRequestHost.of("https://ghe.contoso.example/platform/gitops", "github", null))
                .isEqualTo(new PullRequestHost.GitHub(URI.create("https://ghe.contoso.example/api/v3"), "platform", "gitops"));
        assertThat(PullRequestHost.of("http://127.0.0.1:8080/contoso/gitops.git", "github", "http://127.0.0.1:9090/"))
                .isEqualTo(new PullRequestHost.GitHub(URI.create("http://127.0.0.1:9090"), "contoso", "gitops"));
    }

    @Test
    void recognisesAzureDevOpsUrls() {
        PullRequestHost.AzureDevOps expected = new PullRequestHost.AzureDevOps(URI.create("https://dev.azure.com"),
                "contoso", "shop", "gitops");
        assertThat(PullRequestHost.of("https://dev.azure.com/contoso/shop/_git/gitops", null, null)).isEqualTo(expected);
        assertThat(PullRequestHost.of("https://contoso@dev.azure.com/contoso/shop/_git/gitops", null, null)).isEqualTo(expected);
        assertThat(PullRequestHost.of("git@ssh.dev.azure.com:v3/contoso/shop/gitops", null, null)).isEqualTo(expected);
        assertThat(PullRequestHost.of("https://contoso.visualstudio.com/shop/_git/gitops", null, null)).isEqualTo(expected);
    }

    @Test
    void anUnknownHostIsAClearError() {
        assertThatThrownBy(() -> PullRequestHost.of("https://gitlab.example/contoso/gitops.git", null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pull requests work with GitHub and Azure DevOps");
    }

    @Test
    void onePullRequestBranchPerTarget() {
        assertThat(CommitSpec.pullRequestBranchFor("main", "apps/shop/overlays/prod")).isEqualTo("slipway/main/apps/shop/overlays/prod");
        assertThat(CommitSpec.pullRequestBranchFor("main", ".")).isEqualTo("slipway/main/root");
        assertThat(CommitSpec.pullRequestBranchFor("release/1.x", "apps/my app..x/")).isEqualTo("slipway/release/1.x/apps/my-app.x");
    }
}
