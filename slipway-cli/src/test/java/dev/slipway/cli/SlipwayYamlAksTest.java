package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import dev.slipway.testsupport.secrets.Canary;
import org.junit.jupiter.api.Test;

/** {@code kubernetes.aks} in {@code slipway.yaml}: an AKS cluster and its Azure identity instead of a kubeconfig. */
class SlipwayYamlAksTest {
    private static final String CANARY_YAML_SECRET = Canary.of("yaml-secret");
    static final String AKS = """
            schemaVersion: 1
            image:
              repository: shop.azurecr.io/shop/web
            environments:
              prod:
                mode: push
                kubernetes:
                  manifests: [k8s/overlays/prod]
                  namespace: shop
                  aks:
                    subscriptionId: 00000000-0000-0000-0000-0000000000ee
                    resourceGroup: shop-rg
                    clusterName: aks-prod
                    azure:
                      kind: client-secret
                      tenant: tenant-y
                      clientId: client-y
                      clientSecretEnv: DEPLOY_SECRET
            """;

    private static InvalidInputException error(String text) {
        return (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() -> SlipwayYaml.parse(text, "slipway.yaml"));
    }

    @Test
    void anAksClusterWithItsIdentityIsRead() {
        DeliveryConfig.Kubernetes kubernetes = SlipwayYaml.parse(AKS, "slipway.yaml").environments().get("prod").kubernetes();

        assertThat(kubernetes.aks()).isEqualTo(new DeliveryConfig.Aks("00000000-0000-0000-0000-0000000000ee", "shop-rg", "aks-prod",
                null, null, null, new DeliveryConfig.Azure("client-secret", "tenant-y", "client-y", "DEPLOY_SECRET", null, null, null, null,
                        null, null)));
        assertThat(kubernetes.kubeconfigFile()).isNull();
        assertThat(kubernetes.namespace()).isEqualTo("shop");
    }

    @Test
    void aMistypedAksKeyIsNamedWithTheNearestKnownKey() {
        InvalidInputException e = error(AKS.replace("clusterName: aks-prod", "clustername: aks-prod"));

        assertThat(e).hasMessage("slipway.yaml:13 environments.prod.kubernetes.aks.clustername: unknown key 'clustername'");
        assertThat(e.fix()).startsWith("did you mean 'clusterName'? keys allowed in environments.prod.kubernetes.aks:");
    }

    @Test
    void aClientSecretWrittenInTheFileIsRefusedPointingAtTheEnvAndFileKeys() {
        InvalidInputException e = error(AKS.replace("clientSecretEnv: DEPLOY_SECRET", "clientSecret: " + CANARY_YAML_SECRET));

        assertThat(e.getMessage()).contains("environments.prod.kubernetes.aks.azure.clientSecret", "secrets are never written")
                .doesNotContain(CANARY_YAML_SECRET);
        assertThat(e.fix()).contains("clientSecretEnv", "clientSecretFile").doesNotContain("canary");
    }

    @Test
    void aKubeconfigBesideAksIsRefused() {
        InvalidInputException e = error(AKS.replace("      namespace: shop", "      namespace: shop\n      kubeconfigEnv: KUBECONFIG"));

        assertThat(e).hasMessageContaining("environments.prod.kubernetes.kubeconfigEnv: and aks exclude each other");
        assertThat(e.fix()).contains("either through aks", "or through a kubeconfig");
    }

    @Test
    void aksNeedsAllThreeNamesAndAnIdentityOfAKnownKind() {
        assertThat(error(AKS.replace("        resourceGroup: shop-rg\n", "")))
                .hasMessageContaining("environments.prod.kubernetes.aks.resourceGroup: is missing");
        assertThat(error(AKS.substring(0, AKS.indexOf("        azure:"))))
                .hasMessageContaining("aks.azure: is missing: the cluster's credentials are read from Azure Resource Manager");
        assertThat(error(AKS.replace("kind: client-secret", "kind: password")))
                .hasMessageContaining("aks.azure.kind: is 'password'")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).contains("workload-identity"));
        assertThat(error(AKS.replace("clientSecretEnv: DEPLOY_SECRET", "kind2: x")))
                .hasMessageContaining("unknown key 'kind2'");
        assertThat(error(AKS.replace("kind: client-secret", "kind: client-certificate")))
                .hasMessageContaining("aks.azure.certificateFile: is missing for kind client-certificate");
        assertThat(error(AKS.replace("      tenant: tenant-y", "      cloud: Mars")))
                .hasMessageContaining("aks.azure.cloud: is 'Mars'");
    }

    @Test
    void aksIsForPushModeOnly() {
        assertThatThrownBy(() -> SlipwayYaml.parse(AKS.replace("mode: push", "mode: gitops"), "slipway.yaml"))
                .hasMessageContaining("gitops: is missing for mode gitops");
    }
}
