package io.jenkins.plugins.slipway.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The records of one run as the single JSON string {@link DeliveriesAction} keeps in {@code build.xml}:
 * {@code {"schemaVersion": 1, "records": [...]}}, each record written by the engine's {@link DeliveryRecords}
 * codec. A string, not XStream-mapped objects, so the stored form is the documented record format and a
 * newer Slipway's records are refused with a clear message instead of being half-read by XStream.
 */
final class RunRecordsJson {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Records never hold a secret (the engine masks them when it builds them); nothing to mask here. */
    private static final SecretMasker NOTHING_TO_MASK = new SecretMasker();

    private RunRecordsJson() {}

    static String write(List<DeliveryRecord> records) {
        return records.stream().map(r -> DeliveryRecords.toJson(r, NOTHING_TO_MASK))
                .collect(Collectors.joining(",\n", "{\"schemaVersion\": " + SCHEMA_VERSION + ", \"records\": [", "]}"));
    }

    /** @throws SlipwayException when the string is damaged or was written by a newer Slipway */
    static List<DeliveryRecord> read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            throw new SlipwayException("the delivery records stored on this run are not valid JSON: " + e.getOriginalMessage(),
                    "build.xml was edited or damaged outside Jenkins; restore it from a backup");
        }
        int version = root == null ? -1 : root.path("schemaVersion").asInt(-1);
        if (version < 1 || !root.path("records").isArray()) {
            throw new SlipwayException("the delivery records stored on this run have no schemaVersion and records",
                    "build.xml was edited or damaged outside Jenkins; restore it from a backup");
        }
        if (version > SCHEMA_VERSION) {
            throw new SlipwayException("the delivery records stored on this run have schema version " + version
                    + ", newer than this Slipway understands (" + SCHEMA_VERSION + ")", "upgrade the Slipway plugin to read them");
        }
        List<DeliveryRecord> records = new ArrayList<>();
        root.path("records").forEach(node -> records.add(DeliveryRecords.fromJson(node.toString())));
        return List.copyOf(records);
    }

    /** {@code records} with {@code record} replacing the one of the same id, or appended: the order of starting. */
    static List<DeliveryRecord> put(List<DeliveryRecord> records, DeliveryRecord record) {
        List<DeliveryRecord> updated = new ArrayList<>(records);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).id().equals(record.id())) {
                updated.set(i, record);
                return List.copyOf(updated);
            }
        }
        updated.add(record);
        return List.copyOf(updated);
    }
}
