package dev.slipway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.DeadlineExceededException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.secrets.Canary;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Argo CD Applications, Flux Kustomizations and HelmReleases, and pods, on the fabric8 mock (CRUD) driven by the test. */
@Tag("server")
class ClusterWaitTest {
    static final String OLD = "1111111111111111111111111111111111111111";
    static final String OURS = "2222222222222222222222222222222222222222";
    static final String DIGEST_OLD = "sha256:" + "a".repeat(64);
    static final String DIGEST_NEW = "sha256:" + "b".repeat(64);
    static final ImageRef WEB = ImageRef.parse("shop.azurecr.io/shop/web:2@" + DIGEST_NEW);
    static final String KUBE_TOKEN = Canary.of("kube-token");

    @RegisterExtension
    static KubeServer kube = KubeServer.crud();

    @TempDir
    Path workspace;

    final WaitTestSupport support = new WaitTestSupport();

    WaitResult await(WaitRequest request) {
        return new SyncWaiter(support.events, support.http, access -> new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(kube.url()).withNamespace("test").build()).build())
                .await(request);
    }

    static WaitRequest request(WaitRequest.Source source, String object, String commit, boolean refresh, Duration deadline,
            WaitRequest.RunningDigest running) {
        return new WaitRequest(source, object, commit, null, null, new ClusterAccess.Kubeconfig(Secret.of("unused"), null),
                refresh, deadline, Duration.ofMillis(10), null, null, running);
    }

    static void create(CustomResourceDefinitionContext type, String namespace, String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(type.getGroup() + "/" + type.getVersion());
        resource.setKind(type.getKind());
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        resource.setAdditionalProperty("spec", spec);
        kube.client().genericKubernetesResources(type).inNamespace(namespace).resource(resource).create();
    }

    int gets(String pathPart) {
        return (int) kube.requests().stream().filter(r -> r.method().equals("GET") && r.path().contains(pathPart)).count();
    }

    @Test
    void argoApplicationThroughTheClusterIsRefreshedAndAnOlderSyncedStateIsNotEnough() {
        create(KubeServer.ARGO_APPLICATION, "argocd", "web", Map.of("project", "default"));
        kube.argoApplicationStatus("argocd", "web", "Synced", "Healthy", OLD, "Succeeded");
        // the first look refreshes (GET, GET + PATCH of the annotation, GET); change the state once a second look is done
        int before = gets("/applications/web");
        WaitTestSupport.when(() -> gets("/applications/web"), before + 5,
                () -> kube.argoApplicationStatus("argocd", "web", "Synced", "Healthy", OURS, "Succeeded"));

        WaitResult result = await(request(WaitRequest.Source.ARGOCD_CLUSTER, "web", OURS, true, Duration.ofSeconds(30), null));

        assertThat(result.live()).isTrue();
        assertThat(result.revision()).isEqualTo(OURS);
        GenericKubernetesResource app = kube.client().genericKubernetesResources(KubeServer.ARGO_APPLICATION)
                .inNamespace("argocd").withName("web").get();
        assertThat(app.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/refresh", "normal");
        assertThat(support.transcript()).contains("Argo CD shows revision " + OLD.substring(0, 12));
    }

    @Test
    void argoApplicationThatIsDegradedFails() {
        create(KubeServer.ARGO_APPLICATION, "apps", "degraded", Map.of("project", "default"));
        kube.argoApplicationStatus("apps", "degraded", "Synced", "Degraded", OURS, "Succeeded");

        WaitResult result = await(request(WaitRequest.Source.ARGOCD_CLUSTER, "apps/degraded", OURS, false, Duration.ofSeconds(30), null));

        assertThat(result.live()).isFalse();
        assertThat(result.message()).startsWith("Degraded");
    }

    @Test
    void fluxKustomizationIsReconciledWithItsSourceAndLiveOnceOurRevisionIsAppliedAndReady() {
        create(KubeServer.FLUX_GIT_REPOSITORY, "flux-system", "apps", Map.of("url", "https://git.example/apps.git"));
        create(KubeServer.FLUX_KUSTOMIZATION, "flux-system", "web",
                Map.of("sourceRef", Map.of("kind", "GitRepository", "name", "apps"), "path", "./deploy"));
        kube.fluxKustomizationStatus("flux-system", "web", true, "ReconciliationSucceeded", "main@sha1:" + OLD);
        // the first look reads, annotates (GET + PATCH) and reads again; change the state once a second look is done
        int before = gets("/kustomizations/web");
        WaitTestSupport.when(() -> gets("/kustomizations/web"), before + 5,
                () -> kube.fluxKustomizationStatus("flux-system", "web", true, "ReconciliationSucceeded", "main@sha1:" + OURS));

        WaitResult result = await(request(WaitRequest.Source.FLUX_CLUSTER, "web", OURS, true, Duration.ofSeconds(30), null));

        assertThat(result.live()).isTrue();
        assertThat(result.revision()).isEqualTo("main@sha1:" + OURS);
        assertThat(support.transcript()).contains("Flux applied main@sha1:" + OLD);
        for (CustomResourceDefinitionContext type : List.of(KubeServer.FLUX_GIT_REPOSITORY, KubeServer.FLUX_KUSTOMIZATION)) {
            String name = type == KubeServer.FLUX_KUSTOMIZATION ? "web" : "apps";
            assertThat(kube.client().genericKubernetesResources(type).inNamespace("flux-system").withName(name).get()
                    .getMetadata().getAnnotations()).containsKey("reconcile.fluxcd.io/requestedAt");
        }
    }

    @Test
    void fluxKustomizationThatFailsOurRevisionFailsWithFluxsReason() {
        create(KubeServer.FLUX_KUSTOMIZATION, "flux-system", "broken", Map.of("path", "./deploy"));
        kube.fluxKustomizationStatus("flux-system", "broken", false, "HealthCheckFailed", "main@sha1:" + OURS);

        WaitResult result = await(request(WaitRequest.Source.FLUX_CLUSTER, "Kustomization/flux-system/broken", OURS, false,
                Duration.ofSeconds(30), null));

        assertThat(result.live()).isFalse();
        assertThat(result.message()).startsWith("HealthCheckFailed");
    }

    @Test
    void helmReleaseWhoseChartVersionCarriesOurCommitIsLive() {
        create(KubeServer.FLUX_HELM_RELEASE, "apps", "web", Map.of("chart", Map.of("spec", Map.of("chart", "./charts/web",
                "sourceRef", Map.of("kind", "GitRepository", "name", "apps", "namespace", "flux-system")))));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "UpgradeSucceeded",
                "message", "Helm upgrade succeeded")));
        status.put("history", List.of(Map.of("chartVersion", "1.0.0+" + OURS.substring(0, 12), "status", "deployed")));
        kube.setStatus(KubeServer.FLUX_HELM_RELEASE, "apps", "web", status);

        WaitResult result = await(request(WaitRequest.Source.FLUX_CLUSTER, "HelmRelease/apps/web", OURS, false,
                Duration.ofSeconds(30), null));

        assertThat(result.live()).isTrue();
    }

    @Test
    void podsMustRunOurDigestAfterTheSync() {
        create(KubeServer.ARGO_APPLICATION, "argocd", "digest", Map.of("project", "default"));
        kube.argoApplicationStatus("argocd", "digest", "Synced", "Healthy", OURS, "Succeeded");
        deployment("shop", "web");
        kube.rolledOut("shop", "web");
        kube.pod("shop", "web-old", Map.of("app", "web"), "shop.azurecr.io/shop/web:1", "shop.azurecr.io/shop/web@" + DIGEST_OLD, null);
        int before = gets("/namespaces/shop/pods");
        WaitTestSupport.when(() -> gets("/namespaces/shop/pods"), before + 2, () -> {
            kube.pod("shop", "web-new", Map.of("app", "web"), "shop.azurecr.io/shop/web:2",
                    "docker-pullable://shop.azurecr.io/shop/web@" + DIGEST_NEW, null);
            kube.client().pods().inNamespace("shop").withName("web-old").delete();
        });

        WaitResult result = await(request(WaitRequest.Source.ARGOCD_CLUSTER, "digest", OURS, false, Duration.ofSeconds(30),
                new WaitRequest.RunningDigest("shop", List.of("Deployment/web"), WEB)));

        assertThat(result.live()).isTrue();
        assertThat(result.message()).contains("1 container(s) run " + DIGEST_NEW);
        assertThat(support.transcript()).contains("pod web-old container app runs " + DIGEST_OLD);
    }

    @Test
    void podsStillOnTheOldDigestAtTheDeadlineSaySo() {
        create(KubeServer.ARGO_APPLICATION, "argocd", "stuck", Map.of("project", "default"));
        kube.argoApplicationStatus("argocd", "stuck", "Synced", "Healthy", OURS, "Succeeded");
        deployment("stuck", "api");
        kube.rolledOut("stuck", "api");
        kube.pod("stuck", "api-old", Map.of("app", "api"), "shop.azurecr.io/shop/web:1", "shop.azurecr.io/shop/web@" + DIGEST_OLD, null);

        assertThatThrownBy(() -> await(request(WaitRequest.Source.ARGOCD_CLUSTER, "stuck", OURS, false, Duration.ofMillis(1500),
                new WaitRequest.RunningDigest("stuck", List.of("Deployment/api"), WEB))))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("pod api-old container app runs " + DIGEST_OLD + " (not " + DIGEST_NEW + ")");
    }

    @Test
    void aMissingApplicationNamesTheFieldAndHowToCheck() {
        assertThatThrownBy(() -> await(request(WaitRequest.Source.ARGOCD_CLUSTER, "argocd/nothere", OURS, false,
                Duration.ofSeconds(30), null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("application: there is no Application 'nothere' in namespace 'argocd'");
    }

    @Test
    void theEngineReadsTheClusterThroughAKubeconfigWhoseTokenNeverShows() {
        create(KubeServer.ARGO_APPLICATION, "argocd", "engine", Map.of("project", "default"));
        kube.argoApplicationStatus("argocd", "engine", "Synced", "Healthy", OURS, "Succeeded");
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: ci
                  user:
                    token: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: ci
                    namespace: test
                current-context: mock
                """.formatted(kube.url(), KUBE_TOKEN);
        Engine engine = new Engine(new EngineContext(workspace, support.events));

        WaitResult result = engine.await(new WaitRequest(WaitRequest.Source.ARGOCD_CLUSTER, "engine", OURS, null, null,
                new ClusterAccess.Kubeconfig(Secret.of(kubeconfig), null), false, Duration.ofSeconds(30), Duration.ofMillis(10),
                null, null, null));

        assertThat(result.live()).isTrue();
        assertThat(support.transcript() + result).doesNotContain(KUBE_TOKEN);
    }

    static void deployment(String namespace, String name) {
        kube.client().apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("shop.azurecr.io/shop/web:2@" + DIGEST_NEW)
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
    }
}
