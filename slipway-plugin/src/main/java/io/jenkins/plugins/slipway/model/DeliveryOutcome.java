package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * What agent-side delivery work (a step's, or "Build and deliver"'s) sends back to the controller: the delivery record
 * (as its masked JSON, since records are not serializable and the run keeps JSON anyway), and either the step's result
 * or the failure. The controller stores the record first and then returns the result or throws the failure, so a
 * failed delivery is recorded too.
 */
public final class DeliveryOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String recordJson;
    private final HashMap<String, String> result;
    private final RuntimeException failure;

    private DeliveryOutcome(String recordJson, HashMap<String, String> result, RuntimeException failure) {
        this.recordJson = recordJson;
        this.result = result;
        this.failure = failure;
    }

    public static DeliveryOutcome succeeded(DeliveryRecord record, Map<String, String> result, SecretMasker masker) {
        return new DeliveryOutcome(DeliveryRecords.toJson(record, masker), new HashMap<>(result), null);
    }

    /**
     * A failed delivery. Slipway's own exceptions travel as they are (their messages are written without secrets);
     * anything else is replaced by a {@link SlipwayException} with the masked text, since a library's message may
     * quote what it was given.
     */
    public static DeliveryOutcome failed(DeliveryRecord record, RuntimeException failure, SecretMasker masker) {
        RuntimeException safe = failure instanceof SlipwayException ? failure
                : new SlipwayException(masker.mask(String.valueOf(failure)), null);
        return new DeliveryOutcome(DeliveryRecords.toJson(record, masker), null, safe);
    }

    public DeliveryRecord record() {
        return DeliveryRecords.fromJson(recordJson);
    }

    /** The record as it travelled: the engine's JSON, masked. */
    public String recordJson() {
        return recordJson;
    }

    /** The step's result, or the delivery's failure thrown. */
    public HashMap<String, String> resultOrThrow() {
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** Why the delivery failed, or {@code null}. */
    public RuntimeException failure() {
        return failure;
    }
}
