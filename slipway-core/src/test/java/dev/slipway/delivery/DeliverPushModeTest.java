package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.delivery.DeliveryRecord.Outcome;
import dev.slipway.delivery.DeliveryRecord.PhaseRecord;
import dev.slipway.delivery.DeliveryRecord.PhaseStatus;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.kube.KubeRequest;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.registry.SmallOciLayout;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Engine.deliver} in push mode: a real docker-registry, and fabric8's Kubernetes mock as the cluster (a
 * fake: no API server can run here) whose rollouts the test plays the deployment controller for.
 */
@Tag("server")
class DeliverPushModeTest {
    private static final String CANARY = Canary.of("kube-token");

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.noAuth();

    @TempDir
    Path workspace;

    private KubeServer kube;
    private Engine engine;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        kube = KubeServer.crud();
        kube.start();
        engine = new Engine(new EngineContext(workspace, new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add)));
        Files.createDirectories(workspace.resolve("k8s"));
        Files.writeString(workspace.resolve("k8s/web.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n"
                + "      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n"
                + "        image: " + REGISTRY.hostPort() + "/shop/web:latest\n");
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    private DeliveryRequest request(String layout, boolean plan, boolean rollback, long build) {
        Secret kubeconfig = Secret.of("apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + kube.url()
                + "\nusers:\n- name: ci\n  user:\n    token: " + CANARY + "\ncontexts:\n- name: mock\n  context:\n"
                + "    cluster: mock\n    user: ci\n    namespace: shop\ncurrent-context: mock\n");
        PushRequest push = new PushRequest(layout, ImageRef.parse(REGISTRY.hostPort() + "/shop/web"), List.of("b" + build),
                new RegistryAuth.Anonymous(), RegistryTransport.defaults().withPlainHttp(REGISTRY.hostPort()));
        DeployRequest deploy = new DeployRequest(List.of("k8s"), List.of(), new ClusterAccess.Kubeconfig(kubeconfig, "mock"), "shop",
                plan, false, false, false, rollback, false, Duration.ofSeconds(20), null);
        return new DeliveryRequest("prod", null, push, deploy, null, null,
                new Provenance("https://git.example/shop.git", "a".repeat(40), "main", null, build, "push-" + build));
    }

    @Test
    void appliesThePushedDigestWaitsForTheRolloutAndRecordsTheObjects() {
        String digest = SmallOciLayout.write(workspace.resolve("oci"), "web b1");
        CompletableFuture<Void> controller = when(applyOf("/deployments/web"), 1, () -> kube.rolledOut("shop", "web"));

        DeliveryRecord record = engine.deliver(request("oci", false, false, 1));

        controller.join();
        assertThat(record.id()).isEqualTo("push-1");
        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.mode()).isEqualTo(DeliveryRecord.Mode.PUSH);
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("push", PhaseStatus.SUCCEEDED), tuple("deploy", PhaseStatus.SUCCEEDED), tuple("wait", PhaseStatus.SUCCEEDED));
        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target("mock", "shop", null, null, null));
        String pushed = REGISTRY.hostPort() + "/shop/web:b1@" + digest;
        assertThat(record.changes()).extracting(Change::location, Change::field, Change::newValue).containsExactly(
                tuple("Deployment/shop/web", "spec.template.spec.containers[app].image", pushed),
                tuple("Deployment/shop/web", "object", "created"));
        KubeRequest apply = kube.serverSideApplies().stream().filter(r -> r.path().endsWith("/deployments/web")).findFirst().orElseThrow();
        assertThat(apply.body()).contains("image: " + pushed);
        assertThat(RecordSchema.violations(record)).isEmpty();
        assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(CANARY);
        assertThat(events).extracting(Event::message).noneMatch(m -> m.contains(CANARY));
    }

    @Test
    void aFailedRolloutThatIsRolledBackGivesARolledBackRecord() {
        SmallOciLayout.write(workspace.resolve("oci"), "web b1");
        CompletableFuture<Void> first = when(applyOf("/deployments/web"), 1, () -> kube.rolledOut("shop", "web"));
        engine.deliver(request("oci", false, true, 1));
        first.join();
        String second = SmallOciLayout.write(workspace.resolve("oci2"), "web b2");
        CompletableFuture<Void> badPod = when(applyOf("/deployments/web"), 2, () -> kube.pod("shop", "web-2-abc",
                Map.of("app", "web"), REGISTRY.hostPort() + "/shop/web:b2@" + second, null, "ImagePullBackOff"));
        CompletableFuture<Void> rollbackDone = when(applyOf("/deployments/web"), 3, () -> kube.rolledOut("shop", "web"));

        DeliveryFailedException failed = org.junit.jupiter.api.Assertions.assertThrows(DeliveryFailedException.class,
                () -> engine.deliver(request("oci2", false, true, 2)));

        badPod.join();
        rollbackDone.join();
        DeliveryRecord record = failed.record();
        assertThat(record.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(record.failure().phase()).isEqualTo("wait");
        assertThat(record.failure().reason()).contains("ImagePullBackOff");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("push", PhaseStatus.SUCCEEDED), tuple("deploy", PhaseStatus.SUCCEEDED), tuple("wait", PhaseStatus.FAILED),
                // the rollback's own rollout, waited for like any other
                tuple("wait", PhaseStatus.SUCCEEDED), tuple("rollback", PhaseStatus.SUCCEEDED));
        assertThat(failed.getCause()).isInstanceOf(dev.slipway.kube.RolloutFailedException.class);
        assertThat(RecordSchema.violations(record)).isEmpty();
    }

    @Test
    void aPlanPushesAndShowsWhatWouldBeAppliedWithTheDigest() {
        String digest = SmallOciLayout.write(workspace.resolve("oci"), "web plan");

        DeliveryRecord record = engine.deliver(request("oci", true, false, 3));

        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("push", PhaseStatus.SUCCEEDED), tuple("plan", PhaseStatus.SUCCEEDED));
        assertThat(record.changes()).extracting(Change::newValue)
                .containsExactly(REGISTRY.hostPort() + "/shop/web:b3@" + digest, "would create");
        assertThat(kube.serverSideApplies()).isEmpty();
    }

    @Test
    void aClusterThatRefusesTheApplyFailsTheDeployAfterThePush() {
        SmallOciLayout.write(workspace.resolve("oci"), "web b4");
        kube.refuse("PATCH", "/apis/apps/v1/namespaces/shop/deployments", 403, "Forbidden",
                "deployments.apps \"web\" is forbidden: User \"ci\" cannot patch resource \"deployments\"");

        assertThatThrownBy(() -> engine.deliver(request("oci", false, false, 4))).isInstanceOfSatisfying(DeliveryFailedException.class, failed -> {
            DeliveryRecord record = failed.record();
            assertThat(record.failure().phase()).isEqualTo("deploy");
            assertThat(record.failure().reason()).contains("forbidden");
            assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                    tuple("push", PhaseStatus.SUCCEEDED), tuple("deploy", PhaseStatus.FAILED), tuple("wait", PhaseStatus.SKIPPED));
            assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(CANARY);
        });
    }

    private static Predicate<KubeRequest> applyOf(String pathEnd) {
        return r -> r.isServerSideApply() && r.path().endsWith(pathEnd);
    }

    /** Runs {@code action} once the {@code occurrence}-th matching request came (bounded: the test fails otherwise). */
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
}
