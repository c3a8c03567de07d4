package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.Change;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.kube.KubeRequest;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of {@code aksDeploy}, run as its callable runs it on the agent, against fabric8's Kubernetes mock
 * server (a fake: no API server can run here; it answers server-side apply as test-support documents). The kubeconfig's
 * token is a canary that must never reach the log or the record.
 */
@Tag("server")
class AksDeployWorkTest {
    private static final String CANARY = Canary.of("kube-token");
    private static final String DIGEST = "sha256:" + "1a2b".repeat(16);
    private static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path workspace;

    private KubeServer kube;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() {
        kube = KubeServer.crud();
        kube.start();
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    private ClusterAccess.Kubeconfig access() {
        return new ClusterAccess.Kubeconfig(Secret.of("apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n"
                + "    server: " + kube.url() + "\nusers:\n- name: ci\n  user:\n    token: " + CANARY + "\ncontexts:\n"
                + "- name: mock\n  context:\n    cluster: mock\n    user: ci\n    namespace: shop\n"
                + "current-context: mock\n"), null, "aks-prod");
    }

    private static Provenance provenance() {
        return new Provenance("https://git.example/shop.git", COMMIT, "main", "https://ci.example/job/shop/9/", 9L,
                "delivery-deploy-9");
    }

    private void write(String path, String text) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Marks the Deployment rolled out once its apply arrived, as the deployment controller would (bounded wait). */
    private CompletableFuture<Void> rollOutAfterApply(String name) {
        Predicate<KubeRequest> apply = r -> r.isServerSideApply() && r.path().endsWith("/deployments/" + name);
        return CompletableFuture.runAsync(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kube.requests().stream().noneMatch(apply)) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("the apply of deployment " + name + " never came");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            kube.rolledOut("shop", name);
        });
    }

    @Test
    void appliesTheManifestsWithTheImageByDigestWaitsForTheRolloutAndRecordsIt() throws Exception {
        write("k8s/web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n"
                + "  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n"
                + "    spec:\n      containers:\n      - name: app\n        image: shop.azurecr.io/shop/web:latest\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: prod\n");
        AksDeploySettings settings = AksDeploySettings.of(List.of("k8s"), ClusterSettings.kubeconfig("kube", null))
                .withImages(List.of("shop.azurecr.io/shop/web@" + DIGEST)).withTimeout("30s");
        DeployRequest request = AksDeployPlan.deployRequest(settings, access(), provenance());
        CompletableFuture<Void> controller = rollOutAfterApply("web");

        DeliveryOutcome outcome = new AksDeployWork(request, () -> logStream).run(workspace);

        controller.join();
        Map<String, String> result = outcome.resultOrThrow();
        assertThat(result).containsEntry("rolledOut", "true").containsEntry("summary", "2 created");
        assertThat(result.get("objects")).contains("Deployment shop/web created", "ConfigMap shop/settings created");
        KubeRequest apply = kube.serverSideApplies().stream().filter(r -> r.path().endsWith("/deployments/web"))
                .findFirst().orElseThrow();
        assertThat(apply.body()).contains("image: shop.azurecr.io/shop/web@" + DIGEST, COMMIT);
        DeliveryRecord record = outcome.record();
        assertThat(record.id()).isEqualTo("delivery-deploy-9");
        assertThat(record.mode()).isEqualTo(DeliveryRecord.Mode.PUSH);
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        // DeliveryResults, as slipway deliver records a deploy: the namespace the objects went to, and each object
        // created or configured as a change besides the image field
        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target("aks-prod", "shop", null, null, null));
        assertThat(record.image().digest()).isEqualTo(DIGEST);
        assertThat(record.changes()).filteredOn(change -> !change.field().equals("object")).singleElement()
                .satisfies(change -> assertThat(change.newValue()).contains(DIGEST));
        assertThat(record.changes()).filteredOn(change -> change.field().equals("object"))
                .extracting(Change::location, Change::newValue).containsExactlyInAnyOrder(
                        tuple("Deployment/shop/web", "created"), tuple("ConfigMap/shop/settings", "created"));
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::name).contains("deploy", "wait");
        assertThat(record.build()).isEqualTo(new DeliveryRecord.Build("https://ci.example/job/shop/9/", 9L, null));
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("[slipway deploy]");
        assertThat(text).doesNotContain(CANARY);
        assertThat(outcome.recordJson()).doesNotContain(CANARY);
    }

    @Test
    void aRefusedDeployAppliesNothingAndIsRecordedAsFailed() throws Exception {
        write("k8s/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\nkind: [unclosed\n");
        DeployRequest request = AksDeployPlan.deployRequest(AksDeploySettings.of(List.of("k8s"),
                ClusterSettings.kubeconfig("kube", null)), access(), provenance());

        DeliveryOutcome outcome = new AksDeployWork(request, () -> logStream).run(workspace);

        assertThat(outcome.failure()).isNotNull();
        assertThat(kube.serverSideApplies()).isEmpty();
        DeliveryRecord record = outcome.record();
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure().phase()).isEqualTo("deploy");
        assertThat(record.target().cluster()).isEqualTo("aks-prod");
        assertThat(log.toString(StandardCharsets.UTF_8) + outcome.recordJson()
                + outcome.failure().getMessage()).doesNotContain(CANARY);
    }

    @Test
    void onlyAKubeconfigMayReachTheAgent() {
        ClusterAccess.Aks aks = new ClusterAccess.Aks(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "t", "c",
                Secret.of(CANARY)), "sub", "rg", "aks-prod", false);
        DeployRequest request = new DeployRequest(List.of("k8s"), List.of(), aks, null, false, false, false, false, true,
                false, null, provenance());

        assertThatThrownBy(() -> new AksDeployWork(request, () -> System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on the controller")
                .hasMessageNotContaining(CANARY);
    }
}
