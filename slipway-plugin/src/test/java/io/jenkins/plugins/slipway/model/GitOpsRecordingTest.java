package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.Change;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.delivery.DeliveryResults;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.support.Event;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import io.jenkins.plugins.slipway.records.RunDeliveries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code gitopsUpdate} and {@code waitForSync} put into their records, through the engine's {@link DeliveryResults}. */
class GitOpsRecordingTest {
    private static final String DIGEST = "sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private final GitOpsUpdateRequest request = GitOpsUpdatePlan.request(new GitOpsUpdateSettings(
            "https://git.example.com/shop/gitops.git", "shop.azurecr.io/shop/web:1.4@" + DIGEST, null, "apps/shop", null,
            null, null, null, null, false, true, "github", null, null, false), new GitAuth.None(), null,
            new Provenance("https://git.example.com/shop/web.git", "abc123", "main", "https://ci/job/web/7/", 7L, "d-1"));

    private DeliveryResults update(String deliveryId) {
        return GitOpsUpdateWork.planned(new DeliveryResults(new DeliveryRecorder(deliveryId, DeliveryRecord.Mode.GITOPS,
                CLOCK), new SecretMasker()).provenance(request.provenance()), request);
    }

    @Test
    void anUpdateRecordsTargetImageProvenanceChangesCommitAndPullRequest() {
        DeliveryResults results = update("d-1");
        DeliveryRecorder recorder = results.recorder();
        recorder.on(new Event(CLOCK.instant(), Event.Phase.UPDATE, Event.Kind.FINISHED, "manifests", "1 change", -1, -1));
        recorder.on(new Event(CLOCK.instant(), Event.Phase.COMMIT, Event.Kind.FINISHED, "", "pushed", -1, -1));
        recorder.on(new Event(CLOCK.instant(), Event.Phase.PULL_REQUEST, Event.Kind.FINISHED, "", "opened", -1, -1));
        results.updated(request, new GitOpsUpdateResult(List.of(new Change("apps/shop/k.yaml", 0, "images[0].digest",
                "sha256:old", DIGEST)), false, COMMIT, "https://github.example/pull/5", 5));

        DeliveryRecord record = recorder.finish();

        assertThat(record.mode()).isEqualTo(DeliveryRecord.Mode.GITOPS);
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target(null, null, "https://git.example.com/shop/gitops.git",
                "main", "apps/shop"));
        assertThat(record.image()).isEqualTo(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", DIGEST, List.of("1.4"), null));
        assertThat(record.source()).isEqualTo(new DeliveryRecord.Source("https://git.example.com/shop/web.git", "abc123", "main"));
        assertThat(record.build().number()).isEqualTo(7L);
        assertThat(record.changes()).hasSize(1);
        assertThat(record.commit().id()).isEqualTo(COMMIT);
        assertThat(record.pullRequest()).isEqualTo(new DeliveryRecord.PullRequest(5, "https://github.example/pull/5"));
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::name)
                .containsExactly("update", "commit", "pull-request");
    }

    @Test
    void aFailureTheEngineThrewIsRecordedInThePhaseThatWasRunning() {
        DeliveryResults results = update("d-1");
        results.recorder().on(new Event(CLOCK.instant(), Event.Phase.COMMIT, Event.Kind.STARTED, "", "cloning", -1, -1));

        results.failedUnreported(Event.Phase.UPDATE, "Git clone was refused");
        results.failedUnreported(Event.Phase.UPDATE, "a later failure");
        DeliveryRecord record = results.recorder().finish();

        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure()).isEqualTo(new DeliveryRecord.Failure("commit", "Git clone was refused"));
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::status).containsExactly(
                DeliveryRecord.PhaseStatus.SKIPPED, DeliveryRecord.PhaseStatus.FAILED, DeliveryRecord.PhaseStatus.SKIPPED);
    }

    @Test
    void aWaitContinuesTheRecordOfTheUpdateThatMadeItsCommit() {
        DeliveryResults update = update("d-1");
        update.updated(request, new GitOpsUpdateResult(List.of(), false, COMMIT, null, null));
        DeliveryRecord updated = update.recorder().finish();
        WaitRequest wait = WaitForSyncPlan.request(WaitForSyncSettings.argoCd(COMMIT, "shop-prod", "https://argocd", "a"),
                dev.slipway.support.Secret.of("argo-token-value"), null);

        DeliveryRecorder waiting = WaitForSyncWork.waiting("d-1", wait).recorder();
        DeliveryRecord whileWaiting = RunDeliveries.continued(updated, waiting.snapshot());
        waiting.on(new Event(CLOCK.instant(), Event.Phase.WAIT, Event.Kind.FINISHED, "", "Synced/Healthy", -1, -1));
        DeliveryRecord live = RunDeliveries.continued(updated, waiting.finish());

        assertThat(RunDeliveries.updateFor(List.of(updated), COMMIT.toUpperCase())).contains(updated);
        assertThat(RunDeliveries.updateFor(List.of(updated), "fedcba9")).isEmpty();
        assertThat(whileWaiting.id()).isEqualTo("d-1");
        assertThat(whileWaiting.outcome()).isEqualTo(DeliveryRecord.Outcome.RUNNING);
        assertThat(whileWaiting.phases()).extracting(DeliveryRecord.PhaseRecord::name).endsWith("wait");
        assertThat(live.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(live.image()).isEqualTo(updated.image());
        assertThat(live.phases().get(live.phases().size() - 1).status()).isEqualTo(DeliveryRecord.PhaseStatus.SUCCEEDED);
    }

    @Test
    void aResultThatIsNotLiveFailsTheWait() {
        WaitRequest wait = WaitForSyncPlan.request(WaitForSyncSettings.argoCd(COMMIT, "shop-prod", "https://argocd", "a"),
                dev.slipway.support.Secret.of("argo-token-value"), null);
        DeliveryResults results = WaitForSyncWork.planned(new DeliveryResults(new DeliveryRecorder("d-2",
                DeliveryRecord.Mode.GITOPS, CLOCK), new SecretMasker()), wait);

        results.waited(wait, new WaitResult(false, COMMIT, COMMIT, "Synced/Degraded", "Degraded: crash loop",
                Duration.ofSeconds(1)));
        DeliveryRecord record = results.recorder().finish();

        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        // DeliveryResults' wording, as slipway deliver records it: the status and the revision besides the message
        assertThat(record.failure()).isEqualTo(new DeliveryRecord.Failure("wait",
                "not live: Synced/Degraded: Degraded: crash loop (revision 0123456789ab)"));
        assertThat(record.commit().id()).isEqualTo(COMMIT);
    }
}
