package dev.slipway.delivery;

import dev.slipway.delivery.DeliveryRecord.Outcome;
import java.time.Instant;
import java.util.List;

/** Small records for index tests: what matters there is id, environment, outcome and times. */
final class RecordSamples {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private RecordSamples() {}

    static DeliveryRecord record(String id, String environment, Outcome outcome, int startMinute) {
        Instant start = T0.plusSeconds(60L * startMinute);
        return new DeliveryRecord(DeliveryRecord.SCHEMA_VERSION, id, environment, DeliveryRecord.Mode.PUSH, outcome, start,
                outcome == Outcome.RUNNING ? null : start.plusSeconds(30), null,
                new DeliveryRecord.Build("https://jenkins.example/job/shop/" + id + "/", null, null),
                new DeliveryRecord.Image("shop.azurecr.io", "shop/web", "sha256:" + "0".repeat(64), List.of(id), null),
                null, null, null, null, List.of(), List.of(), null);
    }
}
