package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.sync.SyncException;
import dev.slipway.sync.WaitRequest;
import dev.slipway.testsupport.fakes.ArgoCdFake;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code waitForSync}'s agent work against the Argo CD fake (the documented {@code GET /api/v1/applications/{name}}
 * answers; no real Argo CD runs here). The token comes from a fake credential lookup.
 */
@Tag("server")
class WaitForSyncWorkTest {
    private static final String CANARY = Canary.of("argocd-step");
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String OLDER = "fedcba9876543210fedcba9876543210fedcba98";

    @RegisterExtension
    static final ArgoCdFake ARGO = new ArgoCdFake(CANARY);

    @TempDir
    Path workspace;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private WaitForSyncWork work(String application, String credentialsId) {
        CredentialConversion credentials = new CredentialConversion(id -> Optional.ofNullable(Map.<String, FoundCredential>of(
                "argo", new FoundCredential.SecretText(Secret.of(CANARY)),
                "argo-wrong", new FoundCredential.SecretText(Secret.of(CANARY + "-wrong"))).get(id)));
        WaitForSyncSettings settings = new WaitForSyncSettings(COMMIT, application, ARGO.url(), credentialsId, null, null,
                null, null, null, null, null, "10m", "10ms", false);
        WaitRequest request = WaitForSyncPlan.request(settings, credentials.apiToken("argoCdCredentialsId", credentialsId), null);
        PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new WaitForSyncWork(request, "delivery-9", () -> stream);
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSyncedHealthyAppAtTheCommitIsLiveAndRecorded() {
        ARGO.application("shop-live", "Synced", "Healthy", COMMIT, "Succeeded");

        DeliveryOutcome outcome = work("shop-live", "argo").run(workspace);

        assertThat(outcome.resultOrThrow()).containsEntry("live", "true").containsEntry("revision", COMMIT)
                .containsEntry("commit", COMMIT);
        DeliveryRecord record = outcome.record();
        assertThat(record.id()).isEqualTo("delivery-9");
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::name).containsExactly("wait");
        assertThat(logText()).contains("[slipway wait]").doesNotContain(CANARY);
        assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(CANARY);
    }

    @Test
    void aDegradedAppFailsTheStepWithArgoCdsMessage() {
        ARGO.application("shop-degraded", "Synced", "Degraded", COMMIT, "Succeeded");

        DeliveryOutcome outcome = work("shop-degraded", "argo").run(workspace);

        assertThatThrownBy(outcome::resultOrThrow).isInstanceOf(SyncException.class).hasMessageContaining("Degraded");
        assertThat(outcome.record().outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(outcome.record().failure().phase()).isEqualTo("wait");
    }

    @Test
    void aRefusedTokenFailsWithoutShowingIt() {
        ARGO.application("shop-auth", "Synced", "Healthy", COMMIT, "Succeeded");

        DeliveryOutcome outcome = work("shop-auth", "argo-wrong").run(workspace);

        assertThatThrownBy(outcome::resultOrThrow).isInstanceOf(AuthenticationException.class).hasMessageNotContaining(CANARY);
        assertThat(DeliveryRecords.toJson(outcome.record(), new SecretMasker())).doesNotContain(CANARY);
        assertThat(logText()).doesNotContain(CANARY);
    }

    @Test
    void interruptingTheThreadStopsTheWaitAndTheRecordSaysSo() throws InterruptedException {
        ARGO.application("shop-stuck", "Synced", "Healthy", OLDER, "Succeeded");
        WaitForSyncWork work = work("shop-stuck", "argo");
        AtomicReference<DeliveryOutcome> outcome = new AtomicReference<>();
        Thread agent = new Thread(() -> outcome.set(work.run(workspace)), "wait-for-sync-agent");

        agent.start();
        // as Pipeline's stop does, once the wait is under way (the deadline is ten minutes: only the interrupt ends it)
        while (ARGO.requests().stream().noneMatch(r -> r.path().endsWith("/shop-stuck"))) {
            Thread.sleep(5);
        }
        agent.interrupt();
        agent.join();

        assertThatThrownBy(outcome.get()::resultOrThrow).isInstanceOf(SyncException.class).hasMessageContaining("interrupted");
        assertThat(outcome.get().record().outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        // the interrupt lands in the pause between looks or in a request to Argo CD: either ends the wait
        assertThat(outcome.get().record().failure().phase()).isEqualTo("wait");
        assertThat(outcome.get().record().failure().reason()).startsWith("interrupted while");
    }
}
