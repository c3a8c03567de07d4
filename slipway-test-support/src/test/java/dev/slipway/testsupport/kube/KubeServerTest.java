package dev.slipway.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class KubeServerTest {
    @RegisterExtension
    static KubeServer kube = KubeServer.crud();

    private static Deployment deployment(String name, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("apps").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void aDeploymentsRolloutStatusIsDrivenAndReadBackByTheClient() {
        kube.client().apps().deployments().inNamespace("apps").resource(deployment("web", "acr.io/web:1")).create();

        kube.rolloutProgress("apps", "web", 1, 1, 1);
        Deployment halfway = kube.client().apps().deployments().inNamespace("apps").withName("web").get();
        assertThat(halfway.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(halfway.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Progressing");
            assertThat(c.getReason()).isEqualTo("ReplicaSetUpdated");
        });

        kube.rolledOut("apps", "web");
        Deployment done = kube.client().apps().deployments().inNamespace("apps").withName("web").get();
        assertThat(done.getStatus().getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
        assertThat(done.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(done.getStatus().getConditions()).anySatisfy(c ->
                assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable"));
        assertThat(done.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("acr.io/web:1");
        assertThat(kube.client().getNamespace()).isEqualTo("test");
    }

    @Test
    void aStuckRolloutReportsProgressDeadlineExceeded() {
        kube.client().apps().deployments().inNamespace("apps").resource(deployment("stuck", "acr.io/stuck:1")).create();
        kube.rolloutStuck("apps", "stuck");
        Deployment stuck = kube.client().apps().deployments().inNamespace("apps").withName("stuck").get();
        assertThat(stuck.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Progressing");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
        });
    }

    @Test
    void serverSideApplyIsRecordedCreatesTheObjectThenMergesIntoIt() {
        kube.clearRequests();
        Deployment created = kube.client().apps().deployments().inNamespace("apps").resource(deployment("api", "acr.io/api:1"))
                .fieldManager("slipway").forceConflicts().serverSideApply();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        kube.rolledOut("apps", "api");

        Deployment updated = kube.client().apps().deployments().inNamespace("apps").resource(deployment("api", "acr.io/api:2"))
                .fieldManager("slipway").forceConflicts().serverSideApply();

        assertThat(updated.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(updated.getMetadata().getGeneration()).isGreaterThan(created.getMetadata().getGeneration());
        assertThat(updated.getStatus().getAvailableReplicas()).as("status is kept").isEqualTo(2);
        assertThat(kube.client().apps().deployments().inNamespace("apps").withName("api").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("acr.io/api:2");
        assertThat(kube.serverSideApplies()).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("PATCH");
            assertThat(request.path()).isEqualTo("/apis/apps/v1/namespaces/apps/deployments/api");
            assertThat(request.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(request.queryParameter("fieldManager")).isEqualTo("slipway");
            assertThat(request.queryParameter("force")).isEqualTo("true");
        });
        assertThat(kube.serverSideApplies().get(1).body()).contains("acr.io/api:2");
    }

    @Test
    void serverSideApplyWithoutFieldManagerIsRejectedLikeTheApiServer() throws Exception {
        HttpResponse<String> response = send("PATCH", "/apis/apps/v1/namespaces/apps/deployments/nofm",
                KubeServer.APPLY_PATCH, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nofm\n");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("fieldManager: Required value");
    }

    @Test
    void serverSideApplyWithAnotherNameThanTheUrlIsRejected() throws Exception {
        HttpResponse<String> response = send("PATCH", "/apis/apps/v1/namespaces/apps/deployments/one?fieldManager=t",
                KubeServer.APPLY_PATCH, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("does not match the name on the URL (one)");
    }

    @Test
    void everyRequestIsRecordedAlsoThoseTheMockDoesNotKnow() throws Exception {
        kube.clearRequests();
        HttpResponse<String> response = send("POST", "/apis/example.com/v1/namespaces/x/unknowns?dryRun=All",
                "application/json", "{\"kind\":\"Unknown\"}");
        assertThat(kube.requests()).containsExactly(new KubeRequest("POST", "/apis/example.com/v1/namespaces/x/unknowns",
                "dryRun=All", "application/json", "{\"kind\":\"Unknown\"}"));
        assertThat(response.statusCode()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void podsCarryImageIdsOrWaitingReasons() {
        kube.pod("apps", "web-1", Map.of("app", "web"), "acr.io/web:1", "acr.io/web@sha256:" + "a".repeat(64), null);
        kube.pod("apps", "web-2", Map.of("app", "web"), "acr.io/web:2", null, "ImagePullBackOff");

        Pod running = kube.client().pods().inNamespace("apps").withName("web-1").get();
        assertThat(running.getStatus().getContainerStatuses().get(0).getImageID()).endsWith("a".repeat(64));
        assertThat(running.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
        Pod waiting = kube.client().pods().inNamespace("apps").withName("web-2").get();
        assertThat(waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ImagePullBackOff");
        assertThat(kube.client().pods().inNamespace("apps").withLabel("app", "web").list().getItems()).hasSize(2);
    }

    @Test
    void argoCdApplicationStatusIsDriven() {
        var apps = kube.client().genericKubernetesResources(KubeServer.ARGO_APPLICATION)
                .inNamespace("argocd");
        apps.resource(customResource("argoproj.io/v1alpha1", "Application", "argocd", "web")).create();

        kube.argoApplicationStatus("argocd", "web", "Synced", "Healthy", "abc123", "Succeeded");

        GenericKubernetesResource app = apps.withName("web").get();
        assertThat(path(app, "status", "sync", "status")).isEqualTo("Synced");
        assertThat(path(app, "status", "sync", "revision")).isEqualTo("abc123");
        assertThat(path(app, "status", "health", "status")).isEqualTo("Healthy");
        assertThat(path(app, "status", "operationState", "phase")).isEqualTo("Succeeded");
    }

    @Test
    void fluxKustomizationStatusIsDriven() {
        var kustomizations = kube.client().genericKubernetesResources(
                KubeServer.FLUX_KUSTOMIZATION).inNamespace("flux-system");
        kustomizations.resource(customResource("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "apps")).create();

        kube.fluxKustomizationStatus("flux-system", "apps", true, "ReconciliationSucceeded", "main@sha1:abc123");

        GenericKubernetesResource kustomization = kustomizations.withName("apps").get();
        assertThat(path(kustomization, "status", "lastAppliedRevision")).isEqualTo("main@sha1:abc123");
        assertThat(kustomization.get("status", "conditions", 0, "reason").toString()).isEqualTo("ReconciliationSucceeded");
    }

    private static GenericKubernetesResource customResource(String apiVersion, String kind, String namespace, String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of("path", "deploy")).build();
    }

    private static Object path(GenericKubernetesResource resource, Object... path) {
        return resource.get(path);
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        String base = kube.url().endsWith("/") ? kube.url().substring(0, kube.url().length() - 1) : kube.url();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
