package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitDaemonServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.registry.SmallOciLayout;
import dev.slipway.testsupport.secrets.Canary;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slipway deliver} in GitOps mode with Flux: {@code gitops.fluxPolicy} has the {@code $imagepolicy} markers of
 * our image written with the pushed tag@digest (real registry, real Git over git daemon), and {@code wait.flux} reads
 * the Kustomization through the cluster (fabric8's Kubernetes mock, via a kubeconfig file in the workspace).
 */
@Tag("server")
class DeliverFluxServersTest {
    static final String KUBE_TOKEN = Canary.of("deliver-flux-kube");

    @RegisterExtension
    static final RegistryServer registry = RegistryServer.noAuth();
    @RegisterExtension
    static final GitDaemonServer GIT = GitServer.daemon();
    @RegisterExtension
    static final KubeServer kube = KubeServer.crud();

    @TempDir
    Path workspace;
    @TempDir
    Path cache;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private BareRepo setUp(String name, String waitSection) throws IOException {
        String image = registry.hostPort() + "/shop/" + name;
        BareRepo repo = GIT.createRepo(name);
        repo.seed("main", Map.of("clusters/dev/version.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: version\n"
                + "data:\n  tag: 0.1.0 # {\"$imagepolicy\": \"flux-system:" + name + ":tag\"}\n", "clusters/dev/web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: " + image
                + ":0.1.0 # {\"$imagepolicy\": \"flux-system:" + name + "\"}\n      - name: sidecar\n"
                + "        image: " + registry.hostPort() + "/shop/other:1 # {\"$imagepolicy\": \"flux-system:other\"}\n"), "seed");
        SmallOciLayout.write(workspace.resolve("oci"), name);
        Files.writeString(workspace.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n"
                + "    server: " + kube.url() + "\nusers:\n- name: ci\n  user:\n    token: " + KUBE_TOKEN + "\ncontexts:\n"
                + "- name: mock\n  context:\n    cluster: mock\n    user: ci\ncurrent-context: mock\n");
        Files.writeString(workspace.resolve("slipway.yaml"), """
                schemaVersion: 1
                image:
                  repository: %s
                  tags: [1.0.0]
                layout: oci
                registry:
                  plainHttp: true
                environments:
                  dev:
                    mode: gitops
                    gitops:
                      repository: %s
                      path: clusters/dev
                      fluxPolicy: flux-system:%s
                      author: "Slipway test <test@slipway.invalid>"
                """.formatted(image, repo.url(), name) + waitSection);
        return repo;
    }

    private int deliver(String id) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        DeliverCommand deliver = cli.getSubcommands().get("deliver").getCommand();
        deliver.environment = Map.of();
        return cli.execute("deliver", "--workspace", workspace.toString(), "--cache", cache.toString(), "-e", "dev",
                "--delivery-id", id);
    }

    private static void kustomization(String name) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("kustomize.toolkit.fluxcd.io/v1");
        resource.setKind("Kustomization");
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("flux-system").build());
        resource.setAdditionalProperty("spec", Map.of("path", "./clusters/dev"));
        kube.client().genericKubernetesResources(KubeServer.FLUX_KUSTOMIZATION).inNamespace("flux-system").resource(resource).create();
    }

    @Test
    void theMarkersOfOurPolicyGetThePushedImageAndFluxIsAwaitedThroughTheCluster() throws Exception {
        BareRepo repo = setUp("web", """
                    wait:
                      flux:
                        object: Kustomization/flux-system/web
                        kubeconfigFile: kubeconfig
                      pollInterval: 20ms
                      timeout: 60s
                """);
        String seed = repo.head("main");
        kustomization("web");
        kube.fluxKustomizationStatus("flux-system", "web", true, "ReconciliationSucceeded", "main@sha1:" + seed);
        // Flux's part, played here: once the delivery's commit is on main, the Kustomization reports it applied
        Thread flux = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                String head = repo.head("main");
                if (!head.equals(seed)) {
                    kube.fluxKustomizationStatus("flux-system", "web", true, "ReconciliationSucceeded", "main@sha1:" + head);
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        flux.start();
        int exit;
        try {
            exit = deliver("flux-1");
        } finally {
            flux.interrupt();
            flux.join();
        }

        assertThat(exit).as(out + "\n" + err).isZero();
        DeliveryRecord record = DeliveryRecords.fromJson(Files.readString(workspace.resolve(".slipway/records/flux-1.json")));
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::name).contains("update", "commit", "wait");
        assertThat(repo.readFile("main", "clusters/dev/web.yaml"))
                .contains("image: " + registry.hostPort() + "/shop/web:1.0.0@" + record.image().digest()
                        + " # {\"$imagepolicy\": \"flux-system:web\"}")
                .contains("image: " + registry.hostPort() + "/shop/other:1 # {\"$imagepolicy\": \"flux-system:other\"}");
        // a marker on a field that is no image reference: only the policy can have changed it
        assertThat(repo.readFile("main", "clusters/dev/version.yaml")).contains("tag: 1.0.0 # {\"$imagepolicy\": \"flux-system:web:tag\"}");
        assertThat(kube.requests()).anySatisfy(r -> assertThat(r.path()).contains("/namespaces/flux-system/kustomizations/web"));
        assertThat(out + "\n" + err + Files.readString(workspace.resolve(".slipway/records/flux-1.json"))).doesNotContain(KUBE_TOKEN);
    }

    @Test
    void fluxThatNeverAppliesOurCommitFailsTheWaitWithItsDeadline() throws Exception {
        BareRepo repo = setUp("late", """
                    wait:
                      flux:
                        object: flux-system/late
                        kubeconfigFile: kubeconfig
                      pollInterval: 20ms
                      timeout: 1s
                """);
        kustomization("late");
        kube.fluxKustomizationStatus("flux-system", "late", true, "ReconciliationSucceeded", "main@sha1:" + repo.head("main"));

        int exit = deliver("flux-2");

        assertThat(exit).as(out + "\n" + err).isEqualTo(4);
        DeliveryRecord record = DeliveryRecords.fromJson(Files.readString(workspace.resolve(".slipway/records/flux-2.json")));
        assertThat(record.outcome()).isNotEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(repo.head("main")).isNotEqualTo(repo.log("main").get(repo.log("main").size() - 1).sha());
        assertThat(out + "\n" + err).doesNotContain(KUBE_TOKEN);
    }
}
