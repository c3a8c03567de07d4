package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryRecordJsonTest {
    private static final String CANARY = "canary-91d0c4-secret";
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    static DeliveryRecord gitOpsRecord() {
        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        return new DeliveryRecord(DeliveryRecord.SCHEMA_VERSION, "d-42", "prod", DeliveryRecord.Mode.GITOPS,
                DeliveryRecord.Outcome.SUCCEEDED, start, start.plusSeconds(95),
                new DeliveryRecord.Source("https://git.example/shop.git", "a".repeat(40), "main"),
                new DeliveryRecord.Build("https://jenkins.example/job/shop/42/", 42L, "buildah"),
                new DeliveryRecord.Image("shop.azurecr.io", "shop/web", DIGEST, List.of("1.4.2", "42"), 52_428_800L),
                new DeliveryRecord.Target(null, null, "https://git.example/gitops.git", "main", "apps/shop/overlays/prod"),
                List.of(new Change("apps/shop/overlays/prod/kustomization.yaml", 0, "images[0].newTag", "1.4.1", "1.4.2"),
                        new Change("apps/shop/overlays/prod/kustomization.yaml", 0, "images[0].digest", null, DIGEST)),
                new DeliveryRecord.Commit("b".repeat(40), "https://git.example/gitops/commit/" + "b".repeat(40)),
                null,
                List.of(new DeliveryRecord.PhaseRecord("build", DeliveryRecord.PhaseStatus.SUCCEEDED, start, start.plusSeconds(40), null),
                        new DeliveryRecord.PhaseRecord("push", DeliveryRecord.PhaseStatus.SUCCEEDED, start.plusSeconds(40), start.plusSeconds(50), "3 blobs uploaded"),
                        new DeliveryRecord.PhaseRecord("update", DeliveryRecord.PhaseStatus.SUCCEEDED, start.plusSeconds(50), start.plusSeconds(55), null),
                        new DeliveryRecord.PhaseRecord("wait", DeliveryRecord.PhaseStatus.SUCCEEDED, start.plusSeconds(55), start.plusSeconds(95), "Synced/Healthy")),
                List.of(new DeliveryRecord.Link("argocd", "shop-prod in Argo CD", "https://argocd.example/applications/shop-prod")),
                null);
    }

    @Test
    void roundTripsThroughJson() {
        DeliveryRecord record = gitOpsRecord();
        String json = DeliveryRecords.toJson(record, new SecretMasker());
        assertThat(DeliveryRecords.fromJson(json)).isEqualTo(record);
    }

    @Test
    void theJsonFollowsTheDocumentedSchema() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode schema = mapper.readTree(Files.readString(Path.of("..", "docs", "delivery-record.schema.json")));
        DeliveryRecord failed = new DeliveryRecord(1, "d-43", null, DeliveryRecord.Mode.PUSH, DeliveryRecord.Outcome.ROLLED_BACK,
                Instant.parse("2026-11-26T11:00:00Z"), null, null, null, null,
                new DeliveryRecord.Target("aks-prod", "shop", null, null, null), null, null,
                new DeliveryRecord.PullRequest(7, "https://github.example/o/r/pull/7"), null, null,
                new DeliveryRecord.Failure("deploy", "Deployment/shop/web: ImagePullBackOff"));
        for (DeliveryRecord record : List.of(gitOpsRecord(), failed)) {
            List<String> problems = new ArrayList<>();
            validate(schema, mapper.readTree(DeliveryRecords.toJson(record, new SecretMasker())), "$", problems);
            assertThat(problems).as("schema violations of record " + record.id()).isEmpty();
        }
    }

    @Test
    void aSecretNeverReachesTheJson() {
        Secret secret = Secret.of(CANARY);
        SecretMasker masker = new SecretMasker().register(secret);
        // A secret that slipped into a free-text field (a failure reason quoting a command) is masked, and a
        // Secret object rendered into a field gives only its mask.
        DeliveryRecord record = new DeliveryRecord(1, "d-44", null, DeliveryRecord.Mode.PUSH, DeliveryRecord.Outcome.FAILED,
                Instant.parse("2026-11-26T11:00:00Z"), null, null, null, null, null, null, null, null,
                List.of(new DeliveryRecord.PhaseRecord("login", DeliveryRecord.PhaseStatus.FAILED, null, null, "token " + secret)),
                null, new DeliveryRecord.Failure("login", "registry refused password " + CANARY));

        String json = DeliveryRecords.toJson(record, masker);

        assertThat(json).doesNotContain(CANARY).contains("token ****").contains("refused password ****");
    }

    @Test
    void aNewerSchemaVersionIsRefusedClearly() {
        String json = DeliveryRecords.toJson(gitOpsRecord(), new SecretMasker()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
        assertThatThrownBy(() -> DeliveryRecords.fromJson(json))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("schema version 2, newer than this Slipway understands (1)");
    }

    @Test
    void truncatedJsonIsReportedAsSuch() {
        String json = DeliveryRecords.toJson(gitOpsRecord(), new SecretMasker());
        assertThatThrownBy(() -> DeliveryRecords.fromJson(json.substring(0, json.length() / 2)))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("not valid JSON");
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
