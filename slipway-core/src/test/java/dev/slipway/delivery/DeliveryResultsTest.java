package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.delivery.DeliveryRecord.PhaseRecord;
import dev.slipway.delivery.DeliveryRecord.PhaseStatus;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.BuildResult;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import dev.slipway.testsupport.secrets.Canary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each entry point's result, as the entry point returns it (constructed here; {@link DeliverGitOpsTest} and
 * {@link DeliverPushModeTest} get them from real runs), goes into the record: the part it knows, the phase
 * outcome, the links; the record conforms to the schema and never holds a secret.
 */
class DeliveryResultsTest {
    private static final String CANARY = Canary.of("results");
    private static final String DIGEST = "sha256:" + "4".repeat(64);
    private static final ImageRef PUSHED = ImageRef.parse("shop.azurecr.io/shop/web@" + DIGEST);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0, Duration.ofSeconds(1));
    private final SecretMasker masker = new SecretMasker().register(Secret.of(CANARY));
    private final Events events = new Events(clock, masker);

    private DeliveryResults results(DeliveryRecord.Mode mode) {
        DeliveryRecorder recorder = new DeliveryRecorder("d-7", mode, clock).environment("prod");
        events.subscribe(recorder);
        return new DeliveryResults(recorder, masker)
                .provenance(new Provenance("https://bot:" + CANARY + "@github.com/contoso/shop.git", "a".repeat(40), "main",
                        "https://jenkins.example/job/shop/7/", 7L, "d-7"));
    }

    @Test
    void buildAndPushFillSourceBuildImageAndTheRegistryLink() {
        DeliveryResults results = results(DeliveryRecord.Mode.GITOPS);
        events.started(Phase.BUILD, "", "building");
        results.built(new BuildResult(PUSHED, ".slipway/oci-layout", List.of("1.4.2"), 1_000, BuildRequest.Driver.BUILDAH,
                Duration.ofSeconds(12)));
        results.pushed(new PushRequest(".slipway/oci-layout", ImageRef.parse("shop.azurecr.io/shop/web"), List.of("1.4.2"),
                new RegistryAuth.Basic("bot", Secret.of(CANARY))), new PushResult(PUSHED, List.of("1.4.2"), 1_000, 2, 1, 0));

        DeliveryRecord record = results.recorder().finish();

        assertThat(record.source()).isEqualTo(new DeliveryRecord.Source("https://github.com/contoso/shop.git", "a".repeat(40), "main"));
        assertThat(record.build()).isEqualTo(new DeliveryRecord.Build("https://jenkins.example/job/shop/7/", 7L, "buildah"));
        assertThat(record.image()).isEqualTo(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", DIGEST, List.of("1.4.2"), 1_000L));
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status, PhaseRecord::startedAt)
                .containsExactly(tuple("build", PhaseStatus.SUCCEEDED, T0.plusSeconds(1)), tuple("push", PhaseStatus.SUCCEEDED, T0.plusSeconds(3)));
        assertThat(record.phases().get(1).message()).isEqualTo("pushed shop.azurecr.io/shop/web@" + DIGEST
                + " (2 blobs uploaded, 1 already there, 0 mounted; tags 1.4.2)");
        assertThat(record.links()).extracting(DeliveryRecord.Link::rel, DeliveryRecord.Link::url).containsExactly(
                tuple("build", "https://jenkins.example/job/shop/7/"),
                tuple("registry", "https://shop.azurecr.io/v2/shop/web/manifests/" + DIGEST));
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void aCopyRecordsTheImageInItsNewRepositoryAndDockerHubLinksToItsPage() {
        DeliveryResults results = results(DeliveryRecord.Mode.PUSH);
        ImageRef copied = ImageRef.parse("docker.io/contoso/web@" + DIGEST);
        results.copied(new CopyRequest(PUSHED, ImageRef.parse("contoso/web"), List.of("stable"), new RegistryAuth.Anonymous(),
                new RegistryAuth.Basic("contoso", Secret.of(CANARY))), new CopyResult(copied, List.of("stable"), 3, 0, 0));

        DeliveryRecord record = results.recorder().finish();

        assertThat(record.image()).isEqualTo(new DeliveryRecord.Image("docker.io", "contoso/web", DIGEST, List.of("stable"), null));
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(tuple("copy", PhaseStatus.SUCCEEDED));
        assertThat(record.links()).extracting(DeliveryRecord.Link::url).contains("https://hub.docker.com/r/contoso/web");
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void aDeployRecordsClusterNamespaceAppliedObjectsAndTheRollout() {
        DeliveryResults results = results(DeliveryRecord.Mode.PUSH);
        DeployRequest request = new DeployRequest(List.of("k8s"), List.of(PUSHED),
                new ClusterAccess.Aks(null, "sub-1", "rg-shop", "aks-prod", false), null, false, false, false, false, false, false,
                null, null);
        DeployResult result = new DeployResult(List.of(
                new DeployResult.AppliedObject("apps/v1", "Deployment", "shop", "web", DeployResult.Action.CONFIGURED, "diff"),
                new DeployResult.AppliedObject("v1", "Service", "shop", "web", DeployResult.Action.UNCHANGED, ""),
                new DeployResult.AppliedObject("v1", "Namespace", "", "shop", DeployResult.Action.CREATED, "")),
                List.of(new Change("Deployment/shop/web", 0, "spec.template.spec.containers[web].image", "shop.azurecr.io/shop/web:1",
                        PUSHED.reference())), true, false, "Deployment/shop/web rolled out (2/2 ready)");

        DeliveryRecord record = results.deployed(request, result).recorder().finish();

        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target("rg-shop/aks-prod", "shop", null, null, null));
        assertThat(record.changes()).extracting(Change::location, Change::field, Change::oldValue, Change::newValue).containsExactly(
                tuple("Deployment/shop/web", "spec.template.spec.containers[web].image", "shop.azurecr.io/shop/web:1", PUSHED.reference()),
                tuple("Deployment/shop/web", "object", null, "configured"),
                tuple("Namespace/shop", "object", null, "created"));
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status, PhaseRecord::message).containsExactly(
                tuple("deploy", PhaseStatus.SUCCEEDED, "applied 3 objects (1 created, 1 configured, 1 unchanged)"),
                tuple("wait", PhaseStatus.SUCCEEDED, "healthy: Deployment/shop/web rolled out (2/2 ready)"));
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void aRolloutThatFailedAndWasRolledBackIsRolledBackWithTheReason() {
        DeliveryResults results = results(DeliveryRecord.Mode.PUSH);
        DeployRequest request = new DeployRequest(List.of("k8s"), List.of(PUSHED), new ClusterAccess.Kubeconfig(Secret.of(CANARY), "aks"),
                "shop", false, false, false, false, true, false, null, null);
        DeployResult result = new DeployResult(List.of(), List.of(), false, true,
                "Deployment/shop/web: ImagePullBackOff; rolled back: Deployment/shop/web rolled out");

        DeliveryRecord record = results.deployed(request, result).recorder().finish();

        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.ROLLED_BACK);
        assertThat(record.failure()).isEqualTo(new DeliveryRecord.Failure("wait", result.message()));
        assertThat(record.target().cluster()).isEqualTo("aks");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("deploy", PhaseStatus.SUCCEEDED), tuple("wait", PhaseStatus.FAILED), tuple("rollback", PhaseStatus.SUCCEEDED));
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void aGitOpsUpdateWithAPullRequestRecordsTargetChangesCommitAndLinks() {
        DeliveryResults results = results(DeliveryRecord.Mode.GITOPS);
        GitOpsUpdateRequest request = new GitOpsUpdateRequest("https://bot:" + CANARY + "@github.com/contoso/gitops.git", "main",
                "apps/shop/overlays/prod", List.of(PUSHED), null, Map.of(), Map.of(),
                new GitOpsUpdateRequest.GitAuth.UsernamePassword("bot", Secret.of(CANARY)), null, null, null, false, null);
        GitOpsUpdateResult result = new GitOpsUpdateResult(List.of(
                new Change("apps/shop/overlays/prod/kustomization.yaml", 0, "images[0].digest", null, DIGEST)), false,
                "b".repeat(40), "https://github.com/contoso/gitops/pull/12", 12);

        DeliveryRecord record = results.updated(request, result).recorder().finish();

        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target(null, null, "https://github.com/contoso/gitops.git", "main",
                "apps/shop/overlays/prod"));
        assertThat(record.commit()).isEqualTo(new DeliveryRecord.Commit("b".repeat(40),
                "https://github.com/contoso/gitops/commit/" + "b".repeat(40)));
        assertThat(record.pullRequest()).isEqualTo(new DeliveryRecord.PullRequest(12, "https://github.com/contoso/gitops/pull/12"));
        assertThat(record.changes()).isEqualTo(result.changes());
        assertThat(record.links()).extracting(DeliveryRecord.Link::rel).containsExactly("build", "commit", "pull-request");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("update", PhaseStatus.SUCCEEDED), tuple("commit", PhaseStatus.SUCCEEDED), tuple("pull-request", PhaseStatus.SUCCEEDED));
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void aWaitRecordsLivenessAndTheArgoCdApplicationLinkAndANotLiveWaitFails() {
        DeliveryResults results = results(DeliveryRecord.Mode.GITOPS);
        WaitRequest request = new WaitRequest(WaitRequest.Source.ARGOCD_API, "shop-prod", "b".repeat(40), "https://argocd.example/",
                Secret.of(CANARY), null, false, null, null, null, null, null);

        DeliveryRecord live = results.waited(request, new WaitResult(true, "b".repeat(40), "b".repeat(40), "Synced/Healthy/Succeeded",
                "revision bbbbbbbbbbbb is Synced and Healthy", Duration.ofSeconds(30))).recorder().snapshot();

        assertThat(live.links()).extracting(DeliveryRecord.Link::rel, DeliveryRecord.Link::url)
                .contains(tuple("argocd", "https://argocd.example/applications/shop-prod"));
        assertThat(live.commit().id()).isEqualTo("b".repeat(40));
        assertThat(live.phases()).extracting(PhaseRecord::name, PhaseRecord::status, PhaseRecord::message).containsExactly(tuple("wait",
                PhaseStatus.SUCCEEDED, "live: Synced/Healthy/Succeeded: revision bbbbbbbbbbbb is Synced and Healthy (revision bbbbbbbbbbbb)"));

        DeliveryResults other = results(DeliveryRecord.Mode.GITOPS);
        DeliveryRecord degraded = other.waited(request, new WaitResult(false, "b".repeat(40), "b".repeat(40), "Synced/Degraded",
                "Deployment web: token " + CANARY + " refused", Duration.ofSeconds(3))).recorder().finish();
        assertThat(degraded.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(degraded.failure().phase()).isEqualTo("wait");
        assertConformsAndHoldsNoSecret(degraded);
    }

    @Test
    void aDeployRunAloneRecordsItsFirstImageAndTheClusterNameItsCallerGaveWhenTheKubeconfigNamesNone() {
        DeliveryResults results = results(DeliveryRecord.Mode.PUSH);
        ImageRef named = ImageRef.parse("shop.azurecr.io/shop/web:1.4@" + DIGEST);
        DeployRequest request = new DeployRequest(List.of("k8s"), List.of(named, ImageRef.parse("redis:7")),
                new ClusterAccess.Kubeconfig(Secret.of(CANARY), null, "aks-prod"), null, false, false, false, false, true, false,
                null, null);

        results.target(request).image(request.images());
        DeliveryRecord before = results.recorder().snapshot();
        results.deployed(request, new DeployResult(List.of(new DeployResult.AppliedObject("apps/v1", "Deployment", "shop", "web",
                DeployResult.Action.UNCHANGED, "")), List.of(), true, false, "rolled out"));
        DeliveryRecord record = results.recorder().finish();

        assertThat(before.target()).isEqualTo(new DeliveryRecord.Target("aks-prod", null, null, null, null));
        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target("aks-prod", "shop", null, null, null));
        assertThat(record.image()).isEqualTo(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", DIGEST, List.of("1.4"), null));
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void aKubeconfigFetchedForANamedClusterNamesItInTheRecordAndWinsOverItsContext() {
        DeployRequest fetched = new DeployRequest(List.of("k8s"), List.of(PUSHED),
                new ClusterAccess.Kubeconfig(Secret.of(CANARY), null, "aks-prod"), null, false, false, false, false, true, false,
                null, null);
        DeployRequest withContext = new DeployRequest(List.of("k8s"), List.of(PUSHED),
                new ClusterAccess.Kubeconfig(Secret.of(CANARY), "ctx", "aks-prod"), null, false, false, false, false, true, false,
                null, null);

        DeliveryResults first = results(DeliveryRecord.Mode.PUSH).target(fetched);
        DeliveryResults second = results(DeliveryRecord.Mode.PUSH).target(withContext);

        assertThat(first.recorder().snapshot().target().cluster()).isEqualTo("aks-prod");
        assertThat(second.recorder().snapshot().target().cluster()).isEqualTo("aks-prod");
    }

    @Test
    void anImageAlreadyPushedInTheRecordIsNotReplacedByTheDeploysRequest() {
        DeliveryResults results = results(DeliveryRecord.Mode.PUSH);
        results.pushed(null, new PushResult(PUSHED, List.of("1.4.2"), 1_000, 2, 1, 0));

        results.image(List.of(ImageRef.parse("shop.azurecr.io/shop/web:old")));

        assertThat(results.recorder().snapshot().image().digest()).isEqualTo(DIGEST);
    }

    @Test
    void aWaitRunAloneRecordsTheRepositoryAndTheCommitItWaitsForBeforeItEnds() {
        DeliveryResults results = results(DeliveryRecord.Mode.GITOPS);
        WaitRequest request = new WaitRequest(WaitRequest.Source.ARGOCD_API, "shop-prod", "b".repeat(40), "https://argocd.example/",
                Secret.of(CANARY), null, false, null, null, new WaitRequest.GitRepository("https://github.com/contoso/gitops.git",
                        "main", null, null, null, null), null, null);

        DeliveryRecord record = results.target(request).failedUnreported(Phase.WAIT, "stopped: InterruptedException")
                .recorder().finish();

        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target(null, null, "https://github.com/contoso/gitops.git", "main", null));
        assertThat(record.commit()).isEqualTo(new DeliveryRecord.Commit("b".repeat(40),
                "https://github.com/contoso/gitops/commit/" + "b".repeat(40)));
        assertThat(record.failure()).isEqualTo(new DeliveryRecord.Failure("wait", "stopped: InterruptedException"));
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void anUnreportedFailureIsRecordedInThePhaseStillRunningMaskedAndOnlyWhenNoFailureIsKnown() {
        DeliveryResults results = results(DeliveryRecord.Mode.GITOPS);
        results.recorder().plan(Phase.UPDATE, Phase.COMMIT, Phase.PULL_REQUEST);
        events.started(Phase.COMMIT, "", "cloning");

        results.failedUnreported(Phase.UPDATE, new IllegalStateException("clone refused for token " + CANARY));
        results.failedUnreported(Phase.UPDATE, "a later failure");
        DeliveryRecord record = results.recorder().finish();

        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure()).isEqualTo(new DeliveryRecord.Failure("commit", "clone refused for token " + Secret.MASK));
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("update", PhaseStatus.SKIPPED), tuple("commit", PhaseStatus.FAILED), tuple("pull-request", PhaseStatus.SKIPPED));

        DeliveryRecord nothingRunning = results(DeliveryRecord.Mode.PUSH)
                .failedUnreported(Phase.BUILD, new IllegalArgumentException()).recorder().finish();
        assertThat(nothingRunning.failure()).isEqualTo(new DeliveryRecord.Failure("build", "IllegalArgumentException"));
        assertConformsAndHoldsNoSecret(record);
    }

    @Test
    void commitPagesAreLinkedOnlyForHostsWhoseUrlsAreKnown() {
        String sha = "c".repeat(40);
        assertThat(DeliveryResults.commitUrl("https://dev.azure.com/contoso/shop/_git/gitops", sha))
                .isEqualTo("https://dev.azure.com/contoso/shop/_git/gitops/commit/" + sha);
        assertThat(DeliveryResults.commitUrl("https://gitlab.com/contoso/gitops.git", sha))
                .isEqualTo("https://gitlab.com/contoso/gitops/-/commit/" + sha);
        assertThat(DeliveryResults.commitUrl("git://127.0.0.1:9418/gitops.git", sha)).isNull();
        assertThat(DeliveryResults.commitUrl("https://git.internal.example/gitops.git", sha)).isNull();
    }

    private static void assertConformsAndHoldsNoSecret(DeliveryRecord record) {
        assertThat(RecordSchema.violations(record)).isEmpty();
        // written without the masker: the record itself must hold no secret
        assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(CANARY);
    }
}
