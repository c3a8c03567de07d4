package dev.slipway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;

/** Reads and writes delivery records as JSON: the one codec shared by the CLI, the plugin and the pages. */
public final class DeliveryRecords {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DeliveryRecords() {}

    /** The record as JSON, with every secret the masker knows replaced (defence in depth: records hold none). */
    public static String toJson(DeliveryRecord record, SecretMasker masker) {
        try {
            return masker.mask(MAPPER.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write delivery record " + record.id(), e);
        }
    }

    /**
     * Reads a record. A record from a newer Slipway (higher schema version) is refused with a clear message
     * rather than misread; unknown fields of the same version are ignored.
     */
    public static DeliveryRecord fromJson(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            int version = tree.path("schemaVersion").asInt(-1);
            if (version < 1) {
                throw new SlipwayException("not a Slipway delivery record: no schemaVersion",
                        "check that the file is a delivery record written by Slipway");
            }
            if (version > DeliveryRecord.SCHEMA_VERSION) {
                throw new SlipwayException("delivery record " + tree.path("id").asText("?") + " has schema version "
                        + version + ", newer than this Slipway understands (" + DeliveryRecord.SCHEMA_VERSION + ")",
                        "upgrade Slipway to read it");
            }
            return MAPPER.treeToValue(tree, DeliveryRecord.class);
        } catch (JsonProcessingException e) {
            throw new SlipwayException("delivery record is not valid JSON: " + e.getOriginalMessage(),
                    "the file may be truncated or edited by hand; Slipway writes records atomically", e);
        }
    }
}
