package io.jenkins.plugins.slipway.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.model.ClusterSettings;
import io.jenkins.plugins.slipway.model.WaitForSyncSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepEnvironmentTest {

    private static final EnvironmentCatalog CATALOG = new EnvironmentCatalog(List.of(new EnvironmentSpec("prod",
            DeliverySettings.builder().registry("shop.azurecr.io").registryCredentialsId("acr-prod").build(),
            List.of("team-a/**"))));

    @Test
    void acrBuildGetsTheEnvironmentsRegistryAndCredentialForWhatItLeavesOut() {
        assertThat(StepEnvironment.forImage(CATALOG, "prod", "team-a/web", "shop/web", null))
                .isEqualTo(new StepEnvironment.RegistryTarget("shop.azurecr.io/shop/web", "acr-prod"));
        assertThat(StepEnvironment.forImage(CATALOG, "prod", "team-a/web", "other.azurecr.io/web", "own"))
                .isEqualTo(new StepEnvironment.RegistryTarget("other.azurecr.io/web", "own"));
        assertThat(StepEnvironment.forImage(CATALOG, null, "team-b/web", "shop/web", null))
                .isEqualTo(new StepEnvironment.RegistryTarget("shop/web", null));
    }

    @Test
    void withAcrGetsTheEnvironmentsRegistryWhenItGivesNone() {
        assertThat(StepEnvironment.forRegistry(CATALOG, "prod", "team-a/web", null, null))
                .isEqualTo(new StepEnvironment.RegistryTarget("shop.azurecr.io", "acr-prod"));
        assertThat(StepEnvironment.forRegistry(CATALOG, "prod", "team-a/web", "r.example.com", "mine"))
                .isEqualTo(new StepEnvironment.RegistryTarget("r.example.com", "mine"));
    }

    private static final EnvironmentCatalog CLUSTERS = new EnvironmentCatalog(List.of(new EnvironmentSpec("aks",
            DeliverySettings.builder().azureCredentialsId("azure-prod").subscriptionId("sub").resourceGroup("rg")
                    .clusterName("aks-prod").namespace("shop").build(), List.of("team-a/**"))));

    @Test
    void aksStepsTakeTheEnvironmentsClusterWhenTheyNameNone() {
        ClusterSettings none = new ClusterSettings(null, null, null, null, null, null, true);
        assertThat(StepEnvironment.forCluster(CLUSTERS, "aks", "team-a/web", none, null))
                .isEqualTo(new StepEnvironment.ClusterTarget(
                        new ClusterSettings(null, null, "azure-prod", "sub", "rg", "aks-prod", true), "shop"));
    }

    @Test
    void aStepsOwnKubeconfigIsNeverMixedWithTheEnvironmentsAksCluster() {
        ClusterSettings own = ClusterSettings.kubeconfig("kube-own", "ctx");
        assertThat(StepEnvironment.forCluster(CLUSTERS, "aks", "team-a/web", own, "mine"))
                .isEqualTo(new StepEnvironment.ClusterTarget(ClusterSettings.kubeconfig("kube-own", "ctx"), "mine"));
    }

    private static final EnvironmentCatalog WAITS = new EnvironmentCatalog(List.of(
            new EnvironmentSpec("argo", DeliverySettings.builder().waitFor(WaitFor.ARGOCD).waitApplication("shop-prod")
                    .argoCdServer("https://argocd.example.com").argoCdCredentialsId("argo-token")
                    .gitRepository("https://git.example.com/shop/gitops.git").waitTimeoutMinutes(15).build(),
                    List.of("team-a/**")),
            new EnvironmentSpec("flux", DeliverySettings.builder().waitFor(WaitFor.FLUX).waitApplication("flux-system/shop")
                    .gitRepository("https://git.example.com/shop/gitops.git").gitBranch("prod")
                    .gitCredentialsId("git-token").argoCdServer("https://unused.example.com").build(),
                    List.of("team-a/**"))));

    private static WaitForSyncSettings waitFor(String commit) {
        return new WaitForSyncSettings(commit, null, null, null, null, null, null, null, null, null, null, null, null,
                false);
    }

    @Test
    void waitForSyncTakesTheEnvironmentsArgoCdApplicationServerTokenAndTimeout() {
        assertThat(StepEnvironment.forWait(WAITS, "argo", "team-a/web", waitFor("abc123")))
                .isEqualTo(new WaitForSyncSettings("abc123", "shop-prod", "https://argocd.example.com", "argo-token",
                        null, null, null, null, null, null, null, "15m", null, false));
    }

    @Test
    void waitForSyncTakesTheEnvironmentsFluxObjectWithItsGitOpsRepository() {
        assertThat(StepEnvironment.forWait(WAITS, "flux", "team-a/web", waitFor("abc123")))
                .isEqualTo(new WaitForSyncSettings("abc123", null, null, null, "flux-system/shop",
                        "https://git.example.com/shop/gitops.git", "prod", null, null, "git-token", null, null, null,
                        false));
    }

    @Test
    void aWaitForSyncThatNamesItsOwnTargetKeepsItAndItsTimeoutAndTakesOnlyTheMatchingValues() {
        WaitForSyncSettings own = new WaitForSyncSettings("abc123", null, null, null, "flux-system/other", null, null,
                null, null, null, null, "2m", null, true);
        assertThat(StepEnvironment.forWait(WAITS, "argo", "team-a/web", own))
                .isEqualTo(new WaitForSyncSettings("abc123", null, null, null, "flux-system/other",
                        "https://git.example.com/shop/gitops.git", null, null, null, null, null, "2m", null, true));
        WaitForSyncSettings argo = WaitForSyncSettings.argoCd("abc123", "mine", null, null);
        assertThat(StepEnvironment.forWait(WAITS, "argo", "team-a/web", argo))
                .isEqualTo(new WaitForSyncSettings("abc123", "mine", "https://argocd.example.com", "argo-token", null,
                        null, null, null, null, null, null, "15m", null, false));
    }

    @Test
    void aJobOutsideTheEnvironmentIsRefused() {
        assertThatThrownBy(() -> StepEnvironment.forWait(WAITS, "argo", "team-b/web", waitFor("abc123")))
                .isInstanceOf(EnvironmentAccessDeniedException.class);
        assertThatThrownBy(() -> StepEnvironment.forCluster(CLUSTERS, "aks", "team-b/web",
                ClusterSettings.kubeconfig(null, null), null)).isInstanceOf(EnvironmentAccessDeniedException.class);
        assertThatThrownBy(() -> StepEnvironment.forImage(CATALOG, "prod", "team-b/web", "shop/web", null))
                .isInstanceOf(EnvironmentAccessDeniedException.class).hasMessageContaining("job 'team-b/web'");
        assertThatThrownBy(() -> StepEnvironment.forRegistry(CATALOG, "prod", "team-b/web", null, null))
                .isInstanceOf(EnvironmentAccessDeniedException.class);
    }
}
