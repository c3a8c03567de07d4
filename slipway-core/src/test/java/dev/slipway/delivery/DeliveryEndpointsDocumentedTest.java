package dev.slipway.delivery;

import static dev.slipway.delivery.RecordSamples.T0;
import static dev.slipway.delivery.RecordSamples.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.delivery.DeliveryRecord.Outcome;
import dev.slipway.support.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** docs/openapi.yaml describes the index JSON the job endpoint serves: the same fields, nothing undocumented. */
class DeliveryEndpointsDocumentedTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(String name) throws Exception {
        Map<String, Object> api = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("..", "docs", "openapi.yaml")));
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) api.get("components")).get("schemas")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    @Test
    void theIndexJsonHasExactlyTheDocumentedFields() throws Exception {
        DeliveryIndex index = DeliveryIndex.empty()
                .with(record("a", "prod", Outcome.SUCCEEDED, 0), 10, T0)
                .with(record("b", "prod", Outcome.FAILED, 1), 10, T0);
        JsonNode json = new ObjectMapper().readTree(DeliveryIndexFile.toJson(index, new SecretMasker()));
        Map<String, Object> documented = schema("DeliveryIndex");

        assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(properties(documented).keySet());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(((Map<?, ?>) properties(documented).get("schemaVersion")).get("const"));
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) properties(documented).get("environments")).get("items");
        assertThat(fieldNames(json.get("environments").get(0))).containsExactlyInAnyOrderElementsOf(properties(environment).keySet());
    }

    @Test
    void theRunEndpointIsAListOfRecordsTheFrontEndReads() throws Exception {
        JsonNode json = new ObjectMapper().readTree(DeliveryEndpoints.runJson(
                List.of(record("a", "prod", Outcome.SUCCEEDED, 0), DeliveryRecordJsonTest.gitOpsRecord()), new SecretMasker()));
        assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(properties(schema("RunDeliveries")).keySet());
        assertThat(json.get("records")).extracting(r -> r.get("id").asText()).containsExactly("a", "d-42");
        assertThat(schema("DeliveryRecord")).containsEntry("$ref", "./delivery-record.schema.json");
        assertThat(Path.of("..", "docs", "delivery-record.schema.json")).exists();
        // the front end's normalise() accepts this shape
        assertThat(ReportWriter.resource(ReportWriter.SCRIPT)).contains("Array.isArray(data.records)");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
