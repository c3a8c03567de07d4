package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.delivery.DeliveryResults;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Runs a step's engine work on the agent with its events going to the build log and to the delivery record, and turns
 * the end (result or failure) into a {@link DeliveryOutcome}. What goes into the record is the engine's one mapping
 * from results to records, {@link DeliveryResults}: the work hands it each result; a failure the engine's events did
 * not report is recorded with {@link DeliveryResults#failedUnreported}.
 */
public final class RecordedWork {
    private RecordedWork() {
    }

    /** The engine calls of one step; each result goes to {@code results}. */
    @FunctionalInterface
    public interface Work {
        Map<String, String> run(Events events, DeliveryResults results);
    }

    /** A new record's results: its id and mode, and the source and build of {@code provenance} (may be {@code null}). */
    public static DeliveryResults results(String deliveryId, DeliveryRecord.Mode mode, Provenance provenance,
            SecretMasker masker) {
        return new DeliveryResults(new DeliveryRecorder(deliveryId, mode, Clock.systemUTC()), masker)
                .provenance(provenance);
    }

    /**
     * @param masker       holds every secret the work carries, registered before this call
     * @param failurePhase where a failure is recorded when the engine reported none and no phase was running
     */
    public static DeliveryOutcome run(String deliveryId, DeliveryRecord.Mode mode, Provenance provenance,
            SecretMasker masker, BuildLog log, Event.Phase failurePhase, Work work) {
        PrintStream out = log.stream();
        DeliveryResults results = results(deliveryId, mode, provenance, masker);
        Events events = new Events(Clock.systemUTC(), masker)
                .subscribe(event -> EventLines.line(event).ifPresent(out::println))
                .subscribe(results.recorder());
        try {
            Map<String, String> result = work.run(events, results);
            return DeliveryOutcome.succeeded(results.recorder().finish(), result, masker);
        } catch (RuntimeException failure) {
            results.failedUnreported(failurePhase, failure);
            return DeliveryOutcome.failed(results.recorder().finish(), failure, masker);
        }
    }
}
