package dev.slipway.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.kube.KubeRequest;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.secrets.Canary;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push mode against fabric8's Kubernetes mock (a fake: no real API server can run here). The mock has no
 * server-side apply, so every apply is asserted as the request the cluster received; GETs, watches and
 * status are served by its CRUD store.
 */
@Tag("server")
class DeployerKubeMockTest {
    static final String CANARY = Canary.of("token");
    static final String DIGEST_1 = "sha256:" + "1".repeat(64);
    static final String DIGEST_2 = "sha256:" + "2".repeat(64);
    static final ImageRef WEB_1 = ImageRef.parse("shop.azurecr.io/shop/web:1@" + DIGEST_1);
    static final ImageRef WEB_2 = ImageRef.parse("shop.azurecr.io/shop/web:2@" + DIGEST_2);

    @TempDir
    Path workspace;

    KubeServer kube;
    final List<Event> events = new CopyOnWriteArrayList<>();
    Engine engine;

    @BeforeEach
    void start() {
        kube = KubeServer.crud();
        kube.start();
        Events sink = new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add);
        engine = new Engine(new EngineContext(workspace, sink));
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    private Secret kubeconfig(String token) {
        return Secret.of("apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + kube.url()
                + "\nusers:\n- name: ci\n  user:\n    token: " + token + "\ncontexts:\n- name: mock\n  context:\n"
                + "    cluster: mock\n    user: ci\n    namespace: shop\ncurrent-context: mock\n");
    }

    private DeployRequest request(List<String> manifests, ImageRef image, boolean plan, boolean serverDryRun,
            boolean rollback, Duration timeout, Provenance provenance, String applySet) {
        return new DeployRequest(manifests, image == null ? List.of() : List.of(image),
                new ClusterAccess.Kubeconfig(kubeconfig(CANARY), null), null, plan, serverDryRun, false, applySet != null,
                rollback, false, timeout, provenance, applySet);
    }

    private DeployRequest request(List<String> manifests, ImageRef image) {
        return request(manifests, image, false, false, false, Duration.ofSeconds(20), provenance(7L), null);
    }

    private static Provenance provenance(Long build) {
        return new Provenance("https://git.example/shop.git", "c0ffee" + build, "main", "https://ci.example/job/shop/" + build,
                build, "delivery-" + build);
    }

    private void write(String path, String text) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static String deployment(String name) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n  replicas: 1\n"
                + "  selector:\n    matchLabels:\n      app: " + name + "\n  template:\n    metadata:\n      labels:\n"
                + "        app: " + name + "\n    spec:\n      containers:\n      - name: app\n"
                + "        image: shop.azurecr.io/shop/web:latest\n";
    }

    static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  key: value\n";
    }

    /** Runs {@code action} on another thread once a recorded request matches (bounded: the test fails otherwise). */
    private CompletableFuture<Void> when(Predicate<KubeRequest> request, int occurrence, Runnable action) {
        return CompletableFuture.runAsync(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kube.requests().stream().filter(request).count() < occurrence) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("the expected request never came");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            action.run();
        });
    }

    private static Predicate<KubeRequest> applyOf(String pathEnd) {
        return r -> r.isServerSideApply() && r.path().endsWith(pathEnd);
    }

    private CompletableFuture<Void> rollOutAfterApply(String name, int occurrence) {
        return when(applyOf("/deployments/" + name), occurrence, () -> kube.rolledOut("shop", name));
    }

    private void assertNoCanaryAnywhere(Throwable... failures) {
        for (Event event : events) {
            assertThat(event.message() + event.subject()).doesNotContain(CANARY);
        }
        for (Throwable failure : failures) {
            assertThat(String.valueOf(failure.getMessage())).doesNotContain(CANARY);
        }
    }

    @Test
    void overAHundredMixedObjectsIncludingACustomResourceAreAppliedInOrderBySsa() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            many.append(configMap("config-" + i)).append("---\n");
        }
        for (int i = 0; i < 45; i++) {
            many.append("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-").append(i)
                    .append("\nspec:\n  ports:\n  - port: 80\n").append("---\n");
        }
        write("k8s/many.yaml", many.toString());
        write("k8s/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n");
        write("k8s/sub/web.yaml", deployment("web"));
        write("k8s/sub/crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                + "  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names:\n    kind: Widget\n"
                + "    plural: widgets\n  versions:\n  - name: v1\n    served: true\n    storage: true\n");
        write("k8s/sub/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        CompletableFuture<Void> controller = rollOutAfterApply("web", 1);

        DeployResult result = engine.deploy(request(List.of("k8s"), WEB_1));

        controller.join();
        List<KubeRequest> applies = kube.serverSideApplies();
        assertThat(applies).hasSize(109);
        assertThat(applies.get(0).path()).isEqualTo("/api/v1/namespaces/shop");
        assertThat(applies.get(1).path()).isEqualTo("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        assertThat(applies.get(108).path()).isEqualTo("/apis/example.com/v1/namespaces/shop/widgets/w1");
        assertThat(applies).allSatisfy(apply -> {
            assertThat(apply.method()).isEqualTo("PATCH");
            assertThat(apply.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(apply.queryParameter("fieldManager")).isEqualTo("slipway");
            assertThat(apply.queryParameter("force")).isNull();
            assertThat(apply.queryParameter("dryRun")).isNull();
        });
        KubeRequest web = applies.stream().filter(r -> r.path().endsWith("/deployments/web")).findFirst().orElseThrow();
        assertThat(web.body()).contains("image: " + WEB_1.reference(), "slipway.dev/image-digest: " + DIGEST_1,
                "slipway.dev/source-commit: c0ffee7", "slipway.dev/delivery-id: delivery-7",
                "slipway.dev/build-url: https://ci.example/job/shop/7", "namespace: shop");
        assertThat(result.rolledOut()).isTrue();
        assertThat(result.objects()).hasSize(109).allSatisfy(o -> assertThat(o.action()).isEqualTo(DeployResult.Action.CREATED));
        assertThat(result.changes()).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("Deployment/shop/web"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.phase()).isEqualTo(Event.Phase.WAIT);
            assertThat(e.kind()).isEqualTo(Event.Kind.FINISHED);
            assertThat(e.subject()).isEqualTo("Deployment/shop/web");
        });
        assertNoCanaryAnywhere();
    }

    @Test
    void planShowsAPerObjectDiffAndAppliesNothingAndServerDryRunStoresNothing() throws IOException {
        write("app/web.yaml", deployment("web"));
        CompletableFuture<Void> controller = rollOutAfterApply("web", 1);
        engine.deploy(request(List.of("app"), WEB_1));
        controller.join();
        write("app/config.yaml", configMap("settings"));
        kube.clearRequests();

        DeployResult plan = engine.deploy(request(List.of("app"), WEB_2, true, false, false, null, provenance(8L), null));

        assertThat(kube.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        assertThat(plan.objects()).extracting(o -> o.kind() + "/" + o.name() + " " + o.action()).containsExactly(
                "ConfigMap/settings WOULD_CREATE", "Deployment/web WOULD_CONFIGURE");
        String diff = plan.objects().get(1).diff();
        assertThat(diff.lines().filter(line -> !line.startsWith("  ")).map(line -> line.replaceAll("\\s+", " "))).containsExactly(
                "- slipway.dev/source-commit: c0ffee7", "- slipway.dev/build-url: https://ci.example/job/shop/7",
                "- slipway.dev/build-number: '7'", "- slipway.dev/delivery-id: delivery-7",
                "- slipway.dev/image-digest: " + DIGEST_1,
                "+ slipway.dev/source-commit: c0ffee8", "+ slipway.dev/build-url: https://ci.example/job/shop/8",
                "+ slipway.dev/build-number: '8'", "+ slipway.dev/delivery-id: delivery-8",
                "+ slipway.dev/image-digest: " + DIGEST_2,
                "- image: " + WEB_1.reference(), "+ image: " + WEB_2.reference());
        assertThat(plan.message()).isEqualTo("plan: 1 to create, 1 to change, 0 unchanged");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.phase()).isEqualTo(Event.Phase.PLAN);
            assertThat(e.message()).contains("image: " + WEB_2.reference());
        });

        kube.clearRequests();
        engine.deploy(request(List.of("app"), WEB_2, true, true, false, null, provenance(8L), null));

        assertThat(kube.serverSideApplies()).hasSize(2).allSatisfy(r -> assertThat(r.queryParameter("dryRun")).isEqualTo("All"));
        Deployment stored = kube.client().apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(stored.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(WEB_1.reference());
    }

    @Test
    void aRolloutThatNeverFinishesFailsAtTheDeadlineWithTheLastStatus() throws IOException {
        write("app/web.yaml", deployment("web"));

        RolloutFailedException failure = org.junit.jupiter.api.Assertions.assertThrows(RolloutFailedException.class,
                () -> engine.deploy(request(List.of("app"), WEB_1, false, false, false, Duration.ofMillis(500), provenance(7L), null)));

        assertThat(failure.deadlineExceeded()).isTrue();
        assertThat(failure.getMessage()).contains("Deployment/shop/web did not finish rolling out within PT0.5S",
                "waiting for the deployment controller to observe generation 1");
        assertThat(failure.result().rolledBack()).isFalse();
        assertNoCanaryAnywhere(failure);
    }

    @Test
    void imagePullBackOffFailsTheRolloutAndRollbackRestoresThePreviousSpec() throws IOException {
        write("app/web.yaml", deployment("web"));
        CompletableFuture<Void> first = rollOutAfterApply("web", 1);
        engine.deploy(request(List.of("app"), WEB_1));
        first.join();
        CompletableFuture<Void> badPod = when(applyOf("/deployments/web"), 2, () -> kube.pod("shop", "web-2-abc",
                Map.of("app", "web"), WEB_2.reference(), null, "ImagePullBackOff"));
        CompletableFuture<Void> rollbackDone = rollOutAfterApply("web", 3);

        RolloutFailedException failure = org.junit.jupiter.api.Assertions.assertThrows(RolloutFailedException.class,
                () -> engine.deploy(request(List.of("app"), WEB_2, false, false, true, Duration.ofSeconds(20), provenance(8L), null)));

        badPod.join();
        rollbackDone.join();
        assertThat(failure.deadlineExceeded()).isFalse();
        assertThat(failure.getMessage()).contains("Deployment/shop/web failed", "pod web-2-abc, container app: ImagePullBackOff",
                "; rolled back: ");
        assertThat(failure.result().rolledBack()).isTrue();
        List<KubeRequest> applies = kube.serverSideApplies().stream().filter(r -> r.path().endsWith("/deployments/web")).toList();
        assertThat(applies).hasSize(3);
        assertThat(applies.get(2).body()).contains("image: " + WEB_1.reference()).doesNotContain("resourceVersion");
        assertThat(applies.get(2).queryParameter("force")).isEqualTo("true");
        Deployment stored = kube.client().apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(stored.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(WEB_1.reference());
        assertThat(events).anySatisfy(e -> assertThat(e.phase()).isEqualTo(Event.Phase.ROLLBACK));
        assertNoCanaryAnywhere(failure);
    }

    @Test
    void anOlderBuildIsRefusedBeforeAnythingIsApplied() throws IOException {
        write("app/web.yaml", deployment("web"));
        CompletableFuture<Void> first = rollOutAfterApply("web", 1);
        engine.deploy(request(List.of("app"), WEB_2, false, false, false, Duration.ofSeconds(20), provenance(20L), null));
        first.join();
        kube.clearRequests();

        assertThatThrownBy(() -> engine.deploy(request(List.of("app"), WEB_1, false, false, false, null, provenance(10L), null)))
                .isInstanceOf(DowngradeRefusedException.class)
                .hasMessageContaining("Deployment/shop/web runs build 20 (commit c0ffee20), newer than build 10");
        assertThat(kube.serverSideApplies()).isEmpty();
    }

    @Test
    void pruneDeletesOnlyObjectsOfItsOwnSetThatAreGone() throws IOException {
        write("app/a.yaml", configMap("a"));
        write("app/b.yaml", configMap("b"));
        engine.deploy(request(List.of("app"), null, false, false, false, null, provenance(1L), "shop-app"));
        kube.client().configMaps().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("unrelated").endMetadata().build()).create();
        kube.client().configMaps().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("other-set").addToLabels(ApplySet.PART_OF_LABEL, ApplySet.id("other", "shop"))
                .endMetadata().build()).create();
        Map<String, String> parentAnnotations = kube.client().secrets().inNamespace("shop").withName("shop-app").get()
                .getMetadata().getAnnotations();
        assertThat(parentAnnotations).containsEntry(ApplySet.GROUP_KINDS, "ConfigMap");
        Files.delete(workspace.resolve("app/b.yaml"));
        kube.clearRequests();

        DeployResult result = engine.deploy(request(List.of("app"), null, false, false, false, null, provenance(2L), "shop-app"));

        assertThat(kube.requests().stream().filter(r -> r.method().equals("DELETE")).map(KubeRequest::path))
                .containsExactly("/api/v1/namespaces/shop/configmaps/b");
        assertThat(kube.client().configMaps().inNamespace("shop").list().getItems())
                .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("a", "unrelated", "other-set");
        assertThat(result.objects()).extracting(o -> o.name() + " " + o.action()).contains("b PRUNED");
        assertThat(kube.serverSideApplies()).anySatisfy(r -> assertThat(r.body())
                .contains(ApplySet.PART_OF_LABEL + ": " + ApplySet.id("shop-app", "shop")));
    }

    @Test
    void anExpiredKubeconfigTokenIsRefusedBeforeAnyRequest() throws IOException {
        write("app/a.yaml", configMap("a"));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"aud\":\"6dae42f8-4368-4678-94ff-3960e28e3630\",\"exp\":1600000000}".getBytes(StandardCharsets.UTF_8));
        String expired = "eyJhbGciOiJub25lIn0." + payload + ".c2lnbmF0dXJl";
        DeployRequest expiredRequest = new DeployRequest(List.of("app"), List.of(),
                new ClusterAccess.Kubeconfig(kubeconfig(expired), "mock"), null, false, false, false, false, false, false,
                null, provenance(1L));

        AuthenticationException failure = org.junit.jupiter.api.Assertions.assertThrows(AuthenticationException.class,
                () -> engine.deploy(expiredRequest));

        assertThat(failure.getMessage()).isEqualTo("the kubeconfig's token expired at 2020-09-13T12:26:40Z");
        assertThat(failure.getMessage()).doesNotContain(expired);
        assertThat(kube.requests()).isEmpty();
    }

    @Test
    void aForbiddenApplyNamesVerbResourceAndNamespace() throws IOException {
        write("app/web.yaml", deployment("web"));
        kube.refuse("PATCH", "/apis/apps/v1/namespaces/shop/deployments", 403, "Forbidden",
                "deployments.apps \"web\" is forbidden: User \"ci\" cannot patch resource \"deployments\" in API group \"apps\""
                        + " in the namespace \"shop\"");

        ClusterAccessDeniedException failure = org.junit.jupiter.api.Assertions.assertThrows(ClusterAccessDeniedException.class,
                () -> engine.deploy(request(List.of("app"), WEB_1)));

        assertThat(failure.getMessage()).startsWith(
                "forbidden: the cluster does not allow 'patch' on deployments.apps \"web\" in namespace \"shop\"");
        assertThat(failure.fix()).contains("kubectl auth can-i patch deployments.apps -n shop");
        assertNoCanaryAnywhere(failure);
    }

    @Test
    void anImagePullSecretIsCreatedBeforeTheWorkloadsThatNameIt() throws IOException {
        write("app/web.yaml", deployment("web"));
        String password = Canary.of("registry-password");
        CompletableFuture<Void> controller = rollOutAfterApply("web", 1);

        engine.deploy(new DeployRequest(List.of("app"), List.of(WEB_1), new ClusterAccess.Kubeconfig(kubeconfig(CANARY), null),
                null, false, false, false, false, false, false, Duration.ofSeconds(20), provenance(3L), null,
                new ImagePullSecret("acr-pull", "shop.azurecr.io", "00000000-0000-0000-0000-000000000000", Secret.of(password))));

        controller.join();
        List<KubeRequest> applies = kube.serverSideApplies();
        assertThat(applies).extracting(KubeRequest::path).containsExactly("/api/v1/namespaces/shop/secrets/acr-pull",
                "/apis/apps/v1/namespaces/shop/deployments/web");
        assertThat(applies.get(0).body()).contains("type: kubernetes.io/dockerconfigjson");
        String dockerConfig = new String(Base64.getDecoder().decode(kube.client().secrets().inNamespace("shop")
                .withName("acr-pull").get().getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
        assertThat(dockerConfig).contains("\"shop.azurecr.io\"", "\"password\":\"" + password + "\"");
        assertThat(applies.get(1).body()).contains("      imagePullSecrets:\n      - name: acr-pull\n");
        for (Event event : events) {
            assertThat(event.message() + event.subject()).doesNotContain(password);
        }
    }

    @Test
    void malformedYamlAnywhereMeansNothingIsApplied() throws IOException {
        write("app/a.yaml", configMap("a"));
        write("app/z.yaml", configMap("z") + "---\nkind: [unclosed\n");

        assertThatThrownBy(() -> engine.deploy(request(List.of("app"), WEB_1)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("app/z.yaml, line 9, column 1");
        assertThat(kube.requests()).isEmpty();
        List<String> nothing = new ArrayList<>();
        assertThat(nothing).isEmpty();
    }
}
