package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.support.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gitops.fluxPolicy} and {@code wait.flux} in {@code slipway.yaml}. */
class SlipwayYamlFluxTest {
    static final String FLUX = """
            schemaVersion: 1
            image:
              repository: shop.azurecr.io/shop/web
            environments:
              dev:
                mode: gitops
                gitops:
                  repository: https://git.example/gitops.git
                  path: clusters/dev
                  fluxPolicy: [flux-system:web, apps:web-canary]
                wait:
                  flux:
                    object: HelmRelease/apps/web
                    kubeconfigEnv: DEV_KUBECONFIG
                  timeout: 7m
            """;

    private static InvalidInputException error(String text) {
        return (InvalidInputException) catchThrowable(() -> SlipwayYaml.parse(text, "slipway.yaml"));
    }

    @Test
    void policiesAndTheFluxWaitAreRead() {
        DeliveryConfig.Environment dev = SlipwayYaml.parse(FLUX, "slipway.yaml").environments().get("dev");

        assertThat(dev.gitops().fluxPolicy()).containsExactly("flux-system:web", "apps:web-canary");
        assertThat(dev.await().flux()).isEqualTo(new DeliveryConfig.FluxWait("HelmRelease/apps/web", null, "DEV_KUBECONFIG", null, null));
        assertThat(dev.await().argocdApplication()).isNull();
        assertThat(dev.await().timeout()).isEqualTo("7m");
    }

    @Test
    void oneStringIsOnePolicyAndNoneIsAnEmptyList() {
        DeliveryConfig config = SlipwayYaml.parse(FLUX.replace("[flux-system:web, apps:web-canary]", "flux-system:web"), "slipway.yaml");
        assertThat(config.environments().get("dev").gitops().fluxPolicy()).isEqualTo(List.of("flux-system:web"));
        DeliveryConfig none = SlipwayYaml.parse(SlipwayYamlTest.MINIMAL, "slipway.yaml");
        assertThat(none.environments().get("dev").gitops().fluxPolicy()).isEmpty();
    }

    @Test
    void aPolicyThatIsNotNamespaceColonNameIsRefusedWithTheMarkerForm() {
        InvalidInputException e = error(FLUX.replace("apps:web-canary", "web"));

        assertThat(e).hasMessage("slipway.yaml:10 environments.dev.gitops.fluxPolicy: has 'web', which is not <namespace>:<policy>");
        assertThat(e.fix()).contains("{\"$imagepolicy\": \"flux-system:web\"}");
    }

    @Test
    void argoCdAndFluxTogetherOrNeitherAreRefused() {
        assertThat(error(FLUX.replace("      timeout: 7m", "      timeout: 7m\n      argocd:\n        application: web")))
                .hasMessageContaining("environments.dev.wait.flux: and argocd exclude each other");
        assertThat(error(FLUX.replace("  flux:\n        object: HelmRelease/apps/web\n        kubeconfigEnv: DEV_KUBECONFIG\n", "")))
                .hasMessageContaining("environments.dev.wait.argocd: is missing");
    }

    @Test
    void theFluxObjectIsRequiredAndItsClusterIsOneOfKubeconfigAndAks() {
        assertThat(error(FLUX.replace("        object: HelmRelease/apps/web\n", "")))
                .hasMessageContaining("environments.dev.wait.flux.object: is missing");
        assertThat(error(FLUX.replace("        kubeconfigEnv: DEV_KUBECONFIG\n", "        kubeconfigEnv: DEV_KUBECONFIG\n"
                + "        aks: {subscriptionId: s, resourceGroup: rg, clusterName: c, azure: {kind: managed-identity}}\n")))
                .hasMessageContaining("environments.dev.wait.flux.kubeconfigEnv: and aks exclude each other");
        assertThat(error(FLUX.replace("kubeconfigEnv: DEV_KUBECONFIG", "kubeconfigEnvv: DEV_KUBECONFIG")).fix())
                .startsWith("did you mean 'kubeconfigEnv'?");
    }
}
