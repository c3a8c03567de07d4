package io.jenkins.plugins.slipway.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentDefaultsTest {

    private static final EnvironmentSpec PROD = new EnvironmentSpec("prod", DeliverySettings.builder()
            .mode(DeliveryMode.GITOPS).registry("shop.azurecr.io").registryCredentialsId("acr-prod")
            .gitRepository("https://git.example.com/shop/deploy.git").gitBranch("main").gitPath("prod")
            .gitCredentialsId("git-prod").waitFor(WaitFor.ARGOCD).waitApplication("shop-prod")
            .waitTimeoutMinutes(15).azureCredentialsId("azure-prod").subscriptionId("sub").resourceGroup("rg")
            .clusterName("aks-prod").build(), List.of("team-a/**"));

    @Test
    void valuesTheStepLeavesOutComeFromTheEnvironment() {
        DeliverySettings merged = EnvironmentDefaults.merge(DeliverySettings.NONE, PROD);

        assertThat(merged).isEqualTo(PROD.settings());
    }

    @Test
    void valuesTheStepGivesWinOverTheEnvironment() {
        DeliverySettings own = DeliverySettings.builder().registryCredentialsId("acr-team-a").gitPath("prod/eu")
                .waitTimeoutMinutes(30).mode(DeliveryMode.PUSH).build();

        DeliverySettings merged = EnvironmentDefaults.merge(own, PROD);

        assertThat(merged.registryCredentialsId()).isEqualTo("acr-team-a");
        assertThat(merged.gitPath()).isEqualTo("prod/eu");
        assertThat(merged.waitTimeoutMinutes()).isEqualTo(30);
        assertThat(merged.mode()).isEqualTo(DeliveryMode.PUSH);
        assertThat(merged.registry()).isEqualTo("shop.azurecr.io");
        assertThat(merged.gitBranch()).isEqualTo("main");
    }

    @Test
    void blankStepValuesCountAsLeftOut() {
        DeliverySettings own = DeliverySettings.builder().registry("  ").gitBranch("").build();

        DeliverySettings merged = EnvironmentDefaults.merge(own, PROD);

        assertThat(merged.registry()).isEqualTo("shop.azurecr.io");
        assertThat(merged.gitBranch()).isEqualTo("main");
    }

    @Test
    void aStepNamingItsOwnClusterTakesNoneOfTheEnvironmentsClusterValues() {
        DeliverySettings own = DeliverySettings.builder().kubeconfigCredentialsId("kubeconfig-test").build();

        DeliverySettings merged = EnvironmentDefaults.merge(own, PROD);

        assertThat(merged.kubeconfigCredentialsId()).isEqualTo("kubeconfig-test");
        assertThat(merged.azureCredentialsId()).isNull();
        assertThat(merged.subscriptionId()).isNull();
        assertThat(merged.resourceGroup()).isNull();
        assertThat(merged.clusterName()).isNull();
    }

    @Test
    void withoutAnEnvironmentTheStepsValuesStandAsGiven() {
        DeliverySettings own = DeliverySettings.builder().registry("r.example.com").build();

        assertThat(EnvironmentDefaults.merge(own, null)).isEqualTo(own);
        assertThat(EnvironmentDefaults.merge(null, null)).isEqualTo(DeliverySettings.NONE);
    }

    @Test
    void theCatalogFindsTheEnvironmentChecksAccessAndMerges() {
        EnvironmentCatalog catalog = new EnvironmentCatalog(List.of(PROD));

        assertThat(catalog.resolve("PROD", "team-a/web", DeliverySettings.NONE).registry()).isEqualTo("shop.azurecr.io");
        assertThat(catalog.resolve(null, "team-b/web", DeliverySettings.NONE)).isEqualTo(DeliverySettings.NONE);
        assertThatThrownBy(() -> catalog.resolve("prod", "team-b/web", DeliverySettings.NONE))
                .isInstanceOf(EnvironmentAccessDeniedException.class);
        assertThatThrownBy(() -> catalog.resolve("staging", "team-a/web", DeliverySettings.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("environment: there is no environment named 'staging'")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).contains("use one of prod"));
    }
}
