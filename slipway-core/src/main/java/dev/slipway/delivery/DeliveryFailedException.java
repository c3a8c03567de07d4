package dev.slipway.delivery;

import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;

/**
 * A delivery that failed, with its record: the phase that failed and why, the phases after it {@code SKIPPED},
 * and everything done before it (an image pushed, a commit made). {@link #getCause()} is the original error, so
 * adapters still tell a refused credential (exit 3) or a deadline (exit 4) from other failures.
 *
 * <p>The record travels as its JSON (masked), so the exception stays serializable across the Jenkins channel.
 */
public class DeliveryFailedException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final String recordJson;

    public DeliveryFailedException(DeliveryRecord record, Throwable cause, SecretMasker masker) {
        super(masker.mask(message(record, cause)), cause instanceof SlipwayException s ? s.fix() : null, cause);
        this.recordJson = DeliveryRecords.toJson(record, masker);
    }

    private static String message(DeliveryRecord record, Throwable cause) {
        String where = record.environment() == null ? "" : " to " + record.environment();
        String phase = record.failure() == null ? "deliver" : record.failure().phase();
        String reason = record.failure() != null ? record.failure().reason()
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "delivery " + record.id() + where + " failed in " + phase + ": " + reason;
    }

    /** The delivery's record, closed with outcome {@code FAILED} (or {@code ROLLED_BACK}). */
    public DeliveryRecord record() {
        return DeliveryRecords.fromJson(recordJson);
    }
}
