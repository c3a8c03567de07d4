package io.jenkins.plugins.slipway.records;

import static io.jenkins.plugins.slipway.records.SampleRecords.T0;
import static io.jenkins.plugins.slipway.records.SampleRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.delivery.DeliveryEndpoints;
import dev.slipway.delivery.DeliveryIndexFile;
import dev.slipway.delivery.DeliveryRecord.Outcome;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The answers of both {@code slipway/api/json} endpoints, checked against docs/openapi.yaml. */
class RecordsEndpointTest {
    private static final SecretMasker NO_SECRETS = new SecretMasker();

    @Test
    void withoutReadPermissionTheAnswerIs403AndTheRecordsAreNeverBuilt() {
        AtomicInteger built = new AtomicInteger();
        RecordsEndpoint endpoint = new RecordsEndpoint(() -> false, () -> {
            built.incrementAndGet();
            return DeliveryEndpoints.runJson(List.of(record("d-secret-id", "prod", Outcome.SUCCEEDED, 0)), NO_SECRETS);
        });

        RecordsEndpoint.Answer answer = endpoint.answer();

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(answer.body()).contains("Job/Read").doesNotContain("d-secret-id").doesNotContain("prod");
        assertThat(built).hasValue(0);
    }

    @Test
    void theRunEndpointAnswersTheDocumentedRunDeliveries() throws Exception {
        DeliveriesAction action = new DeliveriesAction();
        action.put(record("d-1", "prod", Outcome.SUCCEEDED, 0));
        action.put(record("d-2", "staging", Outcome.FAILED, 1));

        RecordsEndpoint.Answer answer = new RecordsEndpoint(() -> true,
                () -> DeliveryEndpoints.runJson(action.getRecords(), NO_SECRETS)).answer();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json;charset=UTF-8");
        JsonNode json = new ObjectMapper().readTree(answer.body());
        assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(documentedProperties("RunDeliveries"));
        assertThat(json.get("records")).extracting(r -> r.get("id").asText()).containsExactly("d-1", "d-2");
        assertThat(json.get("records").get(1).get("failure").get("reason").asText()).isEqualTo("rollout timed out");
    }

    @Test
    void theJobEndpointAnswersTheDocumentedIndexFromTheJobsIndexFile(@TempDir Path jobDir) throws Exception {
        Path file = jobDir.resolve(DeliveryIndexFile.FILE_NAME);
        Events events = new Events(Clock.fixed(T0, ZoneOffset.UTC), NO_SECRETS);
        new DeliveryIndexFile(file, EnvironmentsAction.MAX_HISTORY, events).record(record("d-1", "prod", Outcome.SUCCEEDED, 0));
        new DeliveryIndexFile(file, EnvironmentsAction.MAX_HISTORY, events).record(record("d-2", "prod", Outcome.FAILED, 1));

        RecordsEndpoint.Answer answer = new RecordsEndpoint(() -> true, () -> DeliveryEndpoints.jobJson(
                new DeliveryIndexFile(file, EnvironmentsAction.MAX_HISTORY, events), NO_SECRETS)).answer();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json;charset=UTF-8");
        JsonNode json = new ObjectMapper().readTree(answer.body());
        assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(documentedProperties("DeliveryIndex"));
        JsonNode prod = json.get("environments").get(0);
        assertThat(prod.get("name").asText()).isEqualTo("prod");
        assertThat(prod.get("live").get("id").asText()).isEqualTo("d-1");
        assertThat(prod.get("latest").get("id").asText()).isEqualTo("d-2");
        assertThat(json.get("history")).extracting(r -> r.get("id").asText()).containsExactly("d-2", "d-1");
    }

    @Test
    void aJobThatLostItsIndexFileStillAnswersAnEmptyIndex(@TempDir Path jobDir) throws Exception {
        Path file = jobDir.resolve(DeliveryIndexFile.FILE_NAME);
        Files.writeString(file, "{ damaged");

        RecordsEndpoint.Answer answer = new RecordsEndpoint(() -> true, () -> DeliveryEndpoints.jobJson(
                new DeliveryIndexFile(file, EnvironmentsAction.MAX_HISTORY, Events.silent()), NO_SECRETS)).answer();

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(answer.body());
        assertThat(json.get("environments")).isEmpty();
        assertThat(json.get("history")).isEmpty();
    }

    @Test
    void storedRecordsThatCannotBeReadAreA500ThatSaysWhy() {
        RecordsEndpoint.Answer answer = new RecordsEndpoint(() -> true,
                () -> DeliveryEndpoints.runJson(RunRecordsJson.read("{\"schemaVersion\": 7, \"records\": []}"), NO_SECRETS)).answer();

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(answer.body()).contains("schema version 7").contains("Fix: upgrade the Slipway plugin");
    }

    @SuppressWarnings("unchecked")
    private static List<String> documentedProperties(String schema) throws Exception {
        Map<String, Object> api = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("..", "docs", "openapi.yaml")));
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) api.get("components")).get("schemas");
        return new ArrayList<>(((Map<String, Object>) ((Map<String, Object>) schemas.get(schema)).get("properties")).keySet());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
