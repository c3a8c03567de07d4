package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.delivery.DeliveryRecord.Outcome;
import dev.slipway.delivery.DeliveryRecord.PhaseRecord;
import dev.slipway.delivery.DeliveryRecord.PhaseStatus;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRecorderTest {
    private static final String CANARY = Canary.of("recorder-secret");
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** One second per reading, so every event has its own time. */
    private final ManualClock clock = new ManualClock(T0, Duration.ofSeconds(1));
    private final SecretMasker masker = new SecretMasker();
    private final Events events = new Events(clock, masker);
    private final DeliveryRecorder recorder = new DeliveryRecorder("d-1", DeliveryRecord.Mode.PUSH, clock);

    {
        events.subscribe(recorder);
    }

    @Test
    void aSuccessfulDeliveryHasEveryPhaseWithItsTimes() {
        events.started(Phase.DELIVER, "", "deliver");
        events.started(Phase.BUILD, "", "building");
        events.finished(Phase.BUILD, "", "built");
        events.started(Phase.PUSH, "", "pushing");
        events.progress(Phase.PUSH, "sha256:aa", "2 of 3 blobs", 2, 3);
        events.finished(Phase.PUSH, "", "");
        events.finished(Phase.DELIVER, "", "done");

        DeliveryRecord record = recorder.snapshot();

        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(record.finishedAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(record.failure()).isNull();
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status, PhaseRecord::startedAt,
                        PhaseRecord::finishedAt, PhaseRecord::message)
                .containsExactly(
                        tuple("build", PhaseStatus.SUCCEEDED, T0.plusSeconds(2), T0.plusSeconds(3), "built"),
                        // a finish without a message keeps the last progress line
                        tuple("push", PhaseStatus.SUCCEEDED, T0.plusSeconds(4), T0.plusSeconds(6), "2 of 3 blobs"));
    }

    @Test
    void aRunningDeliveryShowsWhatIsLeftAsPending() {
        recorder.plan(Phase.PUSH, Phase.UPDATE, Phase.COMMIT, Phase.WAIT);
        events.started(Phase.PUSH, "", "");
        events.finished(Phase.PUSH, "", "pushed");
        events.started(Phase.WAIT, "", "waiting for Argo CD");
        events.progress(Phase.WAIT, "shop-prod", "OutOfSync / Progressing", 0, -1);

        DeliveryRecord record = recorder.snapshot();

        assertThat(record.outcome()).isEqualTo(Outcome.RUNNING);
        assertThat(record.finishedAt()).isNull();
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status, PhaseRecord::message)
                .containsExactly(tuple("push", PhaseStatus.SUCCEEDED, "pushed"),
                        tuple("update", PhaseStatus.PENDING, null),
                        tuple("commit", PhaseStatus.PENDING, null),
                        tuple("wait", PhaseStatus.RUNNING, "OutOfSync / Progressing"));
    }

    @Test
    void theFirstFailureIsTheReasonAndASuccessfulRollbackMakesItRolledBack() {
        recorder.plan(Phase.DEPLOY, Phase.WAIT, Phase.PRUNE);
        events.started(Phase.DEPLOY, "", "");
        events.finished(Phase.DEPLOY, "", "3 objects applied");
        events.started(Phase.WAIT, "", "");
        events.failed(Phase.WAIT, "Deployment/shop/web", "Deployment/shop/web: ImagePullBackOff");
        events.started(Phase.ROLLBACK, "", "");
        events.finished(Phase.ROLLBACK, "", "rolled back to revision 6");
        events.failed(Phase.DELIVER, "", "delivery failed");

        DeliveryRecord record = recorder.snapshot();

        assertThat(record.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(record.failure()).isEqualTo(new DeliveryRecord.Failure("wait", "Deployment/shop/web: ImagePullBackOff"));
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status)
                .containsExactly(tuple("deploy", PhaseStatus.SUCCEEDED), tuple("wait", PhaseStatus.FAILED),
                        tuple("prune", PhaseStatus.SKIPPED), tuple("rollback", PhaseStatus.SUCCEEDED));
    }

    @Test
    void aFailureWithoutRollbackFailsAndStopsWhatWasStillRunning() {
        events.started(Phase.PUSH, "", "");
        events.started(Phase.COPY, "", "");
        events.failed(Phase.PUSH, "", "registry said 507 Insufficient Storage");

        DeliveryRecord record = recorder.finish();

        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status, PhaseRecord::message)
                .containsExactly(tuple("push", PhaseStatus.FAILED, "registry said 507 Insufficient Storage"),
                        tuple("copy", PhaseStatus.FAILED, "stopped: the delivery failed in push"));
    }

    @Test
    void aPhaseThatRunsAgainGetsItsOwnEntry() {
        events.started(Phase.PUSH, "", "");
        events.started(Phase.PUSH, "sha256:aa", "one blob");
        events.finished(Phase.PUSH, "", "first image");
        events.started(Phase.PUSH, "", "");
        events.finished(Phase.PUSH, "", "second image");

        assertThat(recorder.snapshot().phases()).extracting(PhaseRecord::message).containsExactly("first image", "second image");
    }

    @Test
    void entryPointsFillTheirPartsAndUrlsLoseTheirCredentials() {
        recorder.environment("prod")
                .provenance(new Provenance("https://ci:tok3n-value@git.example/shop.git", "a".repeat(40), "main",
                        "https://jenkins.example/job/shop/42/", 42L, "d-1"))
                .image(new DeliveryRecord.Image("shop.azurecr.io", "shop/web", "sha256:" + "0".repeat(64), List.of("1.0"), 10L))
                .target(new DeliveryRecord.Target(null, null, "https://x-access-token:ghs_abc@github.example/o/gitops.git", "main", "apps/prod"))
                .addChanges(List.of(new Change("apps/prod/kustomization.yaml", 0, "images[0].newTag", "0.9", "1.0")))
                .commit(new DeliveryRecord.Commit("b".repeat(40), "https://github.example/o/gitops/commit/" + "b".repeat(40)))
                .pullRequest(new DeliveryRecord.PullRequest(7, "https://github.example/o/gitops/pull/7"))
                .link("argocd", "shop-prod", "https://argocd.example/applications/shop-prod")
                .link("argocd", "shop-prod again", "https://argocd.example/applications/shop-prod");

        DeliveryRecord record = recorder.snapshot();

        assertThat(record.environment()).isEqualTo("prod");
        assertThat(record.source().repository()).isEqualTo("https://git.example/shop.git");
        assertThat(record.build()).isEqualTo(new DeliveryRecord.Build("https://jenkins.example/job/shop/42/", 42L, null));
        assertThat(record.target().repository()).isEqualTo("https://github.example/o/gitops.git");
        assertThat(record.changes()).hasSize(1);
        assertThat(record.pullRequest().number()).isEqualTo(7);
        assertThat(record.links()).hasSize(1);
        assertThat(DeliveryRecords.toJson(record, masker)).doesNotContain("tok3n").doesNotContain("ghs_abc");
    }

    @Test
    void aSecretInAnEventMessageIsMaskedBeforeItReachesTheRecord() {
        masker.register(Secret.of(CANARY));
        events.started(Phase.LOGIN, "", "");
        events.failed(Phase.LOGIN, "", "401 for password " + CANARY);

        DeliveryRecord record = recorder.finish();

        assertThat(record.failure().reason()).isEqualTo("401 for password ****");
        assertThat(DeliveryRecords.toJson(record, masker)).doesNotContain(CANARY);
    }

    @Test
    void aResultSettlesAPhaseKeepingItsStartAndAddsOneNoEventOpened() {
        recorder.plan(Phase.DEPLOY, Phase.WAIT, Phase.ROLLBACK);
        events.started(Phase.DEPLOY, "", "applying");

        recorder.settle(Phase.DEPLOY, PhaseStatus.SUCCEEDED, "applied 2 objects")
                .settle(Phase.WAIT, PhaseStatus.FAILED, "Deployment/shop/web: ImagePullBackOff")
                .settle(Phase.COPY, PhaseStatus.SUCCEEDED, null);
        DeliveryRecord record = recorder.finish();

        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status, PhaseRecord::startedAt, PhaseRecord::message)
                // the recorder read the clock once when created: the deploy started at the second reading
                .containsExactly(tuple("deploy", PhaseStatus.SUCCEEDED, T0.plusSeconds(1), "applied 2 objects"),
                        tuple("wait", PhaseStatus.FAILED, T0.plusSeconds(3), "Deployment/shop/web: ImagePullBackOff"),
                        tuple("rollback", PhaseStatus.SKIPPED, null, null),
                        tuple("copy", PhaseStatus.SUCCEEDED, T0.plusSeconds(4), null));
        assertThat(record.failure()).isEqualTo(new DeliveryRecord.Failure("wait", "Deployment/shop/web: ImagePullBackOff"));
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(recorder.statusOf(Phase.WAIT)).isEqualTo(PhaseStatus.FAILED);
        assertThat(recorder.statusOf(Phase.PUSH)).isNull();
    }

    @Test
    void userInfoIsRemovedFromEveryKindOfUrl() {
        assertThat(DeliveryRecorder.withoutUserInfo("https://u:p@h.example:8443/a/b?c=d#e")).isEqualTo("https://h.example:8443/a/b?c=d#e");
        assertThat(DeliveryRecorder.withoutUserInfo("git@github.example:o/r.git")).isEqualTo("git@github.example:o/r.git");
        assertThat(DeliveryRecorder.withoutUserInfo("https://h.example/x")).isEqualTo("https://h.example/x");
        assertThat(DeliveryRecorder.withoutUserInfo("https://u:p w@h.example/x y")).isEqualTo("https://h.example/x y");
    }
}
