package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AksDeployPlanTest {
    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final ClusterSettings KUBECONFIG = ClusterSettings.kubeconfig("kube", "prod");
    private static final ClusterAccess.Kubeconfig ACCESS = new ClusterAccess.Kubeconfig(Secret.of("apiVersion: v1"), "prod");

    @Test
    void settingsBecomeADeployRequestThatRollsBackByDefault() {
        AksDeploySettings settings = AksDeploySettings.of(List.of("k8s/base", " ", "k8s/extra.yaml"), KUBECONFIG)
                .withImages(List.of("shop.azurecr.io/shop/web@" + DIGEST)).withNamespace(" shop ").withTimeout("90s");
        Provenance provenance = Provenance.unknown("d-1");

        DeployRequest request = AksDeployPlan.deployRequest(settings, ACCESS, provenance);

        assertThat(request.manifests()).containsExactly("k8s/base", "k8s/extra.yaml");
        assertThat(request.images()).containsExactly(ImageRef.parse("shop.azurecr.io/shop/web@" + DIGEST));
        assertThat(request.namespace()).isEqualTo("shop");
        assertThat(request.cluster()).isSameAs(ACCESS);
        assertThat(request.rollback()).isTrue();
        assertThat(request.plan() || request.serverDryRun() || request.force() || request.prune()
                || request.allowDowngrade()).isFalse();
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(request.provenance()).isSameAs(provenance);
    }

    @Test
    void pruneCarriesItsApplySetAndWithoutOneIsRefused() {
        AksDeploySettings settings = AksDeploySettings.of(List.of("k8s"), KUBECONFIG).withPrune("shop");

        assertThat(AksDeployPlan.deployRequest(settings, ACCESS, Provenance.unknown("d")).applySet()).isEqualTo("shop");
        assertThatThrownBy(() -> AksDeployPlan.validated(AksDeploySettings.of(List.of("k8s"), KUBECONFIG).withPrune(" ")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("applySet"));
    }

    @Test
    void durationsAreReadAsWrittenAndNonsenseIsRefused() {
        assertThat(AksDeployPlan.timeout(null)).isEqualTo(DeployRequest.DEFAULT_TIMEOUT);
        assertThat(AksDeployPlan.timeout("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(AksDeployPlan.timeout("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(AksDeployPlan.timeout("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(AksDeployPlan.timeout("PT2M")).isEqualTo(Duration.ofMinutes(2));
        for (String bad : List.of("soon", "0s", "-5m", "5 minutes")) {
            assertThatThrownBy(() -> AksDeployPlan.timeout(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("timeout"));
        }
    }

    @Test
    void noManifestsOrABadImageIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AksDeployPlan.validated(AksDeploySettings.of(List.of(" "), KUBECONFIG)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("manifests"));
        assertThatThrownBy(() -> AksDeployPlan.validated(AksDeploySettings.of(List.of("k8s"), KUBECONFIG)
                .withImages(List.of("Not An Image"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("images"));
    }

    @Test
    void manifestPathsSplitOnCommasAndLinesButKeepSpaces() {
        assertThat(AksDeployPlan.splitManifests("k8s/base, my app/deploy.yaml\nextra.yaml\r\n"))
                .containsExactly("k8s/base", "my app/deploy.yaml", "extra.yaml");
        assertThat(AksDeployPlan.splitManifests(null)).isEmpty();
    }

    @Test
    void clusterAccessIsAKubeconfigOrACompleteAksClusterNeverBoth() {
        assertThat(ClusterSettings.kubeconfig("kube", null).validated().isAks()).isFalse();
        assertThat(ClusterSettings.aks("sp", "sub", "rg", "aks-prod", false).validated().clusterName()).isEqualTo("aks-prod");
        assertThatThrownBy(() -> new ClusterSettings(null, null, null, null, null, null, false).validated())
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("kubeconfigCredentialsId"));
        assertThatThrownBy(() -> new ClusterSettings("kube", null, "sp", "sub", "rg", "c", false).validated())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fix()).contains("not both"));
        assertThatThrownBy(() -> ClusterSettings.aks("sp", "sub", " ", "c", false).validated())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("resourceGroup"));
        assertThatThrownBy(() -> new ClusterSettings(null, "ctx", "sp", "sub", "rg", "c", false).validated())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("context"));
    }

    @Test
    void theResultListsEachObjectAndCountsWhatHappened() {
        DeployResult result = new DeployResult(List.of(
                new DeployResult.AppliedObject("apps/v1", "Deployment", "shop", "web", DeployResult.Action.CONFIGURED, ""),
                new DeployResult.AppliedObject("v1", "ConfigMap", "shop", "settings", DeployResult.Action.UNCHANGED, ""),
                new DeployResult.AppliedObject("v1", "Namespace", "", "shop", DeployResult.Action.CREATED, ""),
                new DeployResult.AppliedObject("v1", "Service", "shop", "web", DeployResult.Action.CONFIGURED, "")),
                List.of(), true, false, "deployment shop/web rolled out");

        assertThat(AksDeployPlan.stepResult(result)).containsExactly(
                entry("objects", "Deployment shop/web configured\nConfigMap shop/settings unchanged\nNamespace shop created\n"
                        + "Service shop/web configured"),
                entry("summary", "1 created, 2 configured, 1 unchanged"),
                entry("rolledOut", "true"),
                entry("message", "deployment shop/web rolled out"));
    }
}
