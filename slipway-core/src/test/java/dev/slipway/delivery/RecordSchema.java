package dev.slipway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Checks records against the documented schema, docs/delivery-record.schema.json. */
final class RecordSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordSchema() {}

    /** What in the record's JSON the schema does not allow; empty when it conforms. */
    static List<String> violations(DeliveryRecord record) {
        try {
            JsonNode schema = MAPPER.readTree(Files.readString(Path.of("..", "docs", "delivery-record.schema.json")));
            List<String> problems = new ArrayList<>();
            validate(schema, MAPPER.readTree(DeliveryRecords.toJson(record, new SecretMasker())), "$", problems);
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subset of JSON Schema the record schema uses: type, enum, const, required, properties, additionalProperties, items, pattern. */
    private static void validate(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(path + ": expected " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            schema.get("type").forEach(t -> types.add(t.asText()));
            if (types.isEmpty()) {
                types.add(schema.get("type").asText());
            }
            String actual = value.isObject() ? "object" : value.isArray() ? "array" : value.isIntegralNumber() ? "integer"
                    : value.isTextual() ? "string" : value.isBoolean() ? "boolean" : value.isNull() ? "null" : "number";
            if (!types.contains(actual)) {
                problems.add(path + ": is " + actual + ", schema says " + types);
            }
        }
        if (schema.has("pattern") && value.isTextual() && !value.asText().matches(schema.get("pattern").asText())) {
            problems.add(path + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(path + ": missing required " + required.asText());
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    validate(properties.get(field.getKey()), field.getValue(), path + "." + field.getKey(), problems);
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(path + ": property '" + field.getKey() + "' is not in the schema");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
