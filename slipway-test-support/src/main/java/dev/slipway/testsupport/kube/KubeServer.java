package dev.slipway.testsupport.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kubernetes API for tests: fabric8's {@link KubernetesMockServer} in CRUD mode on 127.0.0.1 (a fake:
 * no real API server can run here), with methods that drive status the way controllers would, and a
 * record of every request.
 *
 * <p><b>Server-side apply.</b> The mock has none (it answers apply patches with 404/415). Here a
 * {@code PATCH} with {@code Content-Type: application/apply-patch+yaml} is recorded like any request and
 * then answered like this: without a {@code fieldManager} query parameter, 422 (as the API server);
 * a body that is not YAML/JSON, 400; a body whose {@code metadata.name} differs from the URL, 400.
 * Otherwise, if the object does not exist it is created from the body (as a POST to the collection)
 * and the answer is 201 with the stored object; if it exists, the body replaces it (as a PUT) except for
 * {@code status}, which is kept from the stored object; the mock keeps {@code uid} and
 * {@code creationTimestamp} and bumps {@code resourceVersion} and, when the spec changed, {@code generation};
 * the answer is 200 with the stored object. With {@code dryRun=All} the object is answered but not stored. That is SSA
 * for a single field manager; there is no field ownership, no conflict detection ({@code force} is
 * ignored) and no merging with fields other managers set: assert on the recorded requests for those.
 *
 * <p>Registered custom resources: Argo CD {@code argoproj.io/v1alpha1 Application} (status is part of the
 * object, as in Argo CD's CRD) and Flux {@code kustomize.toolkit.fluxcd.io/v1 Kustomization} (status
 * subresource).
 */
public final class KubeServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** The content type of a server-side apply patch. */
    public static final String APPLY_PATCH = "application/apply-patch+yaml";

    public static final CustomResourceDefinitionContext ARGO_APPLICATION = new CustomResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications")
            .withScope("Namespaced").withStatusSubresource(false).build();
    public static final CustomResourceDefinitionContext FLUX_KUSTOMIZATION = new CustomResourceDefinitionContext.Builder()
            .withGroup("kustomize.toolkit.fluxcd.io").withVersion("v1").withKind("Kustomization").withPlural("kustomizations")
            .withScope("Namespaced").withStatusSubresource(true).build();
    public static final CustomResourceDefinitionContext FLUX_HELM_RELEASE = new CustomResourceDefinitionContext.Builder()
            .withGroup("helm.toolkit.fluxcd.io").withVersion("v2").withKind("HelmRelease").withPlural("helmreleases")
            .withScope("Namespaced").withStatusSubresource(true).build();
    public static final CustomResourceDefinitionContext FLUX_GIT_REPOSITORY = new CustomResourceDefinitionContext.Builder()
            .withGroup("source.toolkit.fluxcd.io").withVersion("v1").withKind("GitRepository").withPlural("gitrepositories")
            .withScope("Namespaced").withStatusSubresource(true).build();

    private RecordingCrudDispatcher dispatcher;
    private KubernetesMockServer server;
    private KubernetesClient client;

    private KubeServer() {}

    /** A mock API server in CRUD mode (state kept in memory for the test class). */
    public static KubeServer crud() {
        return new KubeServer();
    }

    /** Starts the mock on a free port of 127.0.0.1; does nothing if it runs already. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        dispatcher = new RecordingCrudDispatcher(List.of(ARGO_APPLICATION, FLUX_KUSTOMIZATION, FLUX_HELM_RELEASE,
                FLUX_GIT_REPOSITORY));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @Override
    public synchronized void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.destroy();
            }
            client = null;
            server = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** A fabric8 client (okhttp) configured for this server, namespace {@code test}. */
    public KubernetesClient client() {
        requireStarted();
        return client;
    }

    /** The API server URL, e.g. {@code http://127.0.0.1:41234/} (plain HTTP, no auth). */
    public String url() {
        requireStarted();
        return client.getConfiguration().getMasterUrl();
    }

    /** Every request received since start or {@link #clearRequests()}, in order. */
    public List<KubeRequest> requests() {
        requireStarted();
        return dispatcher.requests();
    }

    /** The server-side apply patches received. */
    public List<KubeRequest> serverSideApplies() {
        return requests().stream().filter(KubeRequest::isServerSideApply).toList();
    }

    /**
     * From now on, answers every {@code method} request whose path starts with {@code pathPrefix} with a
     * Kubernetes {@code Status} of {@code code} (e.g. 403 Forbidden with the API server's message) instead
     * of serving it. The requests are still recorded.
     */
    public void refuse(String method, String pathPrefix, int code, String reason, String message) {
        requireStarted();
        dispatcher.refuse(new RecordingCrudDispatcher.Refusal(method, pathPrefix, code, reason, message));
    }

    public void clearRequests() {
        requireStarted();
        dispatcher.clearRequests();
    }

    /**
     * Drives a Deployment's rollout status the way the deployment controller reports it:
     * {@code observedGeneration} = the object's generation, {@code replicas} = spec replicas, and the given
     * counts. Progressing becomes {@code NewReplicaSetAvailable} once all replicas are updated and available.
     */
    public Deployment rolloutProgress(String namespace, String name, int updated, int ready, int available) {
        Deployment deployment = require(client().apps().deployments().inNamespace(namespace).withName(name).get(),
                "Deployment", namespace, name);
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        boolean complete = updated == replicas && available == replicas;
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready)
                .withAvailableReplicas(available).withUnavailableReplicas(replicas - available)
                .addToConditions(new DeploymentConditionBuilder().withType("Available")
                        .withStatus(available == replicas ? "True" : "False")
                        .withReason(available == replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable").build())
                .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                        .withReason(complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated").build())
                .build();
        deployment.setStatus(status);
        return client().apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
    }

    /** All replicas updated, ready and available, for the current generation. */
    public Deployment rolledOut(String namespace, String name) {
        Deployment deployment = require(client().apps().deployments().inNamespace(namespace).withName(name).get(),
                "Deployment", namespace, name);
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        return rolloutProgress(namespace, name, replicas, replicas, replicas);
    }

    /** A Deployment whose rollout exceeded its progress deadline (Progressing=False, ProgressDeadlineExceeded). */
    public Deployment rolloutStuck(String namespace, String name) {
        Deployment deployment = rolloutProgress(namespace, name, 0, 0, 0);
        deployment.getStatus().getConditions().stream().filter(c -> "Progressing".equals(c.getType())).forEach(c -> {
            c.setStatus("False");
            c.setReason("ProgressDeadlineExceeded");
        });
        return client().apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
    }

    /**
     * Creates (or replaces) a pod with one container {@code app} running {@code image}, labelled
     * {@code labels}. With {@code waitingReason} null the container runs and is ready, with
     * {@code imageID} as the kubelet reports it (e.g. {@code registry/app@sha256:...}); otherwise it is
     * waiting with that reason (e.g. {@code ImagePullBackOff}, {@code CrashLoopBackOff}) and has no image ID.
     */
    public Pod pod(String namespace, String name, Map<String, String> labels, String image, String imageID,
            String waitingReason) {
        boolean running = waitingReason == null;
        ContainerStatusBuilder container = new ContainerStatusBuilder().withName("app").withImage(image)
                .withReady(running).withRestartCount(0).withStarted(running)
                .withImageID(running ? imageID : "");
        if (running) {
            container.withNewState().withNewRunning().withStartedAt("2025-01-01T00:00:00Z").endRunning().endState();
        } else {
            container.withNewState().withNewWaiting().withReason(waitingReason)
                    .withMessage("Back-off: " + waitingReason).endWaiting().endState();
        }
        Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .withNewStatus().withPhase(running ? "Running" : "Pending")
                .addNewCondition().withType("Ready").withStatus(running ? "True" : "False").endCondition()
                .withContainerStatuses(container.build()).endStatus()
                .build();
        client().pods().inNamespace(namespace).resource(pod).createOr(existing -> existing.update());
        // the CRUD mock keeps status on create but a separate status write makes the intent explicit
        return client().pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    /**
     * Sets {@code .status} of a custom resource (replacing it), e.g. an Argo CD Application or a Flux
     * Kustomization, through the status subresource where the resource has one.
     */
    public GenericKubernetesResource setStatus(CustomResourceDefinitionContext type, String namespace, String name,
            Map<String, Object> status) {
        var resources = client().genericKubernetesResources(type)
                .inNamespace(namespace);
        GenericKubernetesResource resource = require(resources.withName(name).get(), type.getKind(), namespace, name);
        resource.setAdditionalProperty("status", status);
        return Boolean.TRUE.equals(type.isStatusSubresource())
                ? resources.resource(resource).updateStatus()
                : resources.resource(resource).update();
    }

    /**
     * Argo CD Application status as Argo CD writes it (sync status/revision, health, last operation
     * phase). See argo-cd {@code pkg/apis/application/v1alpha1/types.go}.
     */
    public GenericKubernetesResource argoApplicationStatus(String namespace, String name, String syncStatus,
            String healthStatus, String revision, String operationPhase) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sync", Map.of("status", syncStatus, "revision", revision));
        status.put("health", Map.of("status", healthStatus));
        if (operationPhase != null) {
            status.put("operationState", Map.of("phase", operationPhase, "syncResult", Map.of("revision", revision)));
        }
        return setStatus(ARGO_APPLICATION, namespace, name, status);
    }

    /**
     * Flux Kustomization status: condition {@code Ready} with {@code reason}
     * (ReconciliationSucceeded when ready), {@code lastAttemptedRevision} and, when ready,
     * {@code lastAppliedRevision} (e.g. {@code main@sha1:<sha>}). See kustomize-controller docs/spec/v1.
     */
    public GenericKubernetesResource fluxKustomizationStatus(String namespace, String name, boolean ready,
            String reason, String revision) {
        GenericKubernetesResource current = client().genericKubernetesResources(
                FLUX_KUSTOMIZATION).inNamespace(namespace).withName(name).get();
        require(current, "Kustomization", namespace, name);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", current.getMetadata().getGeneration());
        status.put("conditions", List.of(Map.of("type", "Ready", "status", ready ? "True" : "False", "reason", reason,
                "message", ready ? "Applied revision: " + revision : reason,
                "lastTransitionTime", "2025-01-01T00:00:00Z")));
        status.put("lastAttemptedRevision", revision);
        if (ready) {
            status.put("lastAppliedRevision", revision);
        }
        return setStatus(FLUX_KUSTOMIZATION, namespace, name, status);
    }

    private static <T> T require(T resource, String kind, String namespace, String name) {
        if (resource == null) {
            throw new IllegalArgumentException(kind + " " + namespace + "/" + name + " does not exist on the mock; create it first");
        }
        return resource;
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the Kubernetes mock is not running: register it with "
                    + "@RegisterExtension on a static field, or call start()");
        }
    }
}
