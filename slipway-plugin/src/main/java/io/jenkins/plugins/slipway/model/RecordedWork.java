package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Runs a step's engine work on the agent with its events going to the build log and to a delivery record, and turns
 * the end (result or failure) into an {@link AgentOutcome}. The record is built with the engine's
 * {@link DeliveryRecorder}; what each step adds to it is in {@link StepRecords}. Kept small so the engine's own
 * result-to-record mapping can replace it.
 */
public final class RecordedWork {
    private RecordedWork() {
    }

    /** The engine calls of one step; {@code recorder} is for what the events do not say (image, target). */
    @FunctionalInterface
    public interface Work {
        Map<String, String> run(Events events, DeliveryRecorder recorder);
    }

    /**
     * @param masker       holds every secret the work carries, registered before this call
     * @param failurePhase the phase a failure is recorded under when the engine emitted no failure event itself
     */
    public static AgentOutcome run(Provenance provenance, SecretMasker masker, BuildLog log, Event.Phase failurePhase,
            Work work) {
        PrintStream out = log.stream();
        Clock clock = Clock.systemUTC();
        DeliveryRecorder recorder = new DeliveryRecorder(provenance.deliveryId(), DeliveryRecord.Mode.PUSH, clock)
                .provenance(provenance);
        Events events = new Events(clock, masker)
                .subscribe(event -> EventLines.line(event).ifPresent(out::println))
                .subscribe(recorder);
        try {
            Map<String, String> result = work.run(events, recorder);
            return AgentOutcome.succeeded(result, DeliveryRecords.toJson(recorder.finish(), masker));
        } catch (RuntimeException failure) {
            if (recorder.snapshot().failure() == null) {
                events.failed(failurePhase, "", failure.getMessage() == null ? failure.getClass().getSimpleName()
                        : failure.getMessage());
            }
            return AgentOutcome.failed(failure, DeliveryRecords.toJson(recorder.finish(), masker));
        }
    }
}
