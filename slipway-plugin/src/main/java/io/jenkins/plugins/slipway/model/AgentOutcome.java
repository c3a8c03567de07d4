package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What agent-side work sends back to the controller: the step's result map or the failure, and in both cases the
 * delivery record as the engine's JSON ({@link DeliveryRecord} is not serializable; its JSON is the stored form
 * anyway). The controller stores the record first, then returns the result or rethrows the failure, so a failed
 * delivery is recorded too.
 *
 * @param result     the step's return value; empty when it failed
 * @param recordJson the delivery record, already masked
 * @param failure    why the work failed, or {@code null}
 */
public record AgentOutcome(HashMap<String, String> result, String recordJson, RuntimeException failure)
        implements Serializable {

    public AgentOutcome {
        result = result == null ? new HashMap<>() : new HashMap<>(result);
        Objects.requireNonNull(recordJson, "recordJson");
    }

    public static AgentOutcome succeeded(Map<String, String> result, String recordJson) {
        return new AgentOutcome(new HashMap<>(result), recordJson, null);
    }

    public static AgentOutcome failed(RuntimeException failure, String recordJson) {
        return new AgentOutcome(null, recordJson, Objects.requireNonNull(failure, "failure"));
    }

    public DeliveryRecord record() {
        return DeliveryRecords.fromJson(recordJson);
    }

    /** The step's result, or the work's failure thrown again on the controller. */
    public Map<String, String> resultOrThrow() {
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
