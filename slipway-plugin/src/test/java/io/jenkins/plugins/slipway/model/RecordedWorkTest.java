package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.support.Event;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordedWorkTest {
    private static final String CANARY = Canary.of("recorded-work");

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void eventsGoToTheLogAndTheRecordWhichClosesAsSucceeded() {
        DeliveryOutcome outcome = RecordedWork.run("d-1", DeliveryRecord.Mode.PUSH, Provenance.unknown("d-1"),
                new SecretMasker(), () -> logStream, Event.Phase.COPY, (events, results) -> {
                    events.started(Event.Phase.COPY, "web", "copying web");
                    events.finished(Event.Phase.COPY, "web", "copied web");
                    return Map.of("image", "web@sha256:1");
                });

        assertThat(outcome.resultOrThrow()).containsEntry("image", "web@sha256:1");
        DeliveryRecord record = outcome.record();
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(record.finishedAt()).isNotNull();
        assertThat(record.phases()).singleElement().satisfies(phase -> {
            assertThat(phase.name()).isEqualTo("copy");
            assertThat(phase.status()).isEqualTo(DeliveryRecord.PhaseStatus.SUCCEEDED);
        });
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("[slipway copy] copying web", "[slipway copy] copied web");
    }

    @Test
    void aFailureTheEngineDidNotReportIsRecordedUnderTheStepsPhaseWithTheSecretMasked() {
        SecretMasker masker = new SecretMasker().register(Secret.of(CANARY));
        InvalidInputException refused = new InvalidInputException("manifests", "cannot read " + CANARY, "fix it");

        DeliveryOutcome outcome = RecordedWork.run("d-2", DeliveryRecord.Mode.PUSH, Provenance.unknown("d-2"), masker,
                () -> logStream, Event.Phase.DEPLOY, (events, results) -> {
                    throw refused;
                });

        assertThatThrownBy(outcome::resultOrThrow).isSameAs(refused);
        DeliveryRecord record = outcome.record();
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure().phase()).isEqualTo("deploy");
        assertThat(outcome.recordJson()).doesNotContain(CANARY);
        assertThat(record.failure().reason()).isEqualTo("manifests: cannot read " + Secret.MASK);
        // the step's failure itself is what Pipeline prints; the agent adds no line for it
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY);
    }
}
