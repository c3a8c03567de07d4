package io.jenkins.plugins.slipway.records;

import dev.slipway.delivery.Change;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecord.Outcome;
import java.time.Instant;
import java.util.List;

/** Delivery records for the plugin's tests, built through the engine's public record type. */
final class SampleRecords {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private SampleRecords() {}

    static DeliveryRecord record(String id, String environment, Outcome outcome, int minutes) {
        Instant start = T0.plusSeconds(60L * minutes);
        return new DeliveryRecord(DeliveryRecord.SCHEMA_VERSION, id, environment, DeliveryRecord.Mode.PUSH, outcome,
                start, outcome == Outcome.RUNNING ? null : start.plusSeconds(30),
                new DeliveryRecord.Source("https://git.example/shop.git", "0123456789abcdef0123456789abcdef01234567", "main"),
                new DeliveryRecord.Build("https://jenkins.example/job/shop/7/", 7L, "buildah"),
                new DeliveryRecord.Image("shop.azurecr.io", "shop/api",
                        "sha256:" + "ab".repeat(32), List.of("1.4.2"), 1234L),
                new DeliveryRecord.Target("aks-prod", "shop", null, null, null),
                List.<Change>of(), null, null,
                List.of(new DeliveryRecord.PhaseRecord("deploy", DeliveryRecord.PhaseStatus.SUCCEEDED, start,
                        start.plusSeconds(30), "applied 2 objects")),
                List.of(new DeliveryRecord.Link("registry", "Image", "https://shop.azurecr.io/shop/api")),
                outcome == Outcome.FAILED ? new DeliveryRecord.Failure("deploy", "rollout timed out") : null);
    }
}
