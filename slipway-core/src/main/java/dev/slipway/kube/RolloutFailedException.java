package dev.slipway.kube;

import dev.slipway.support.SlipwayException;

/** A rollout failed (or timed out, see {@link #deadlineExceeded()}); the message carries the rollback's outcome too. */
public class RolloutFailedException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final boolean deadlineExceeded;
    private final DeployResult result;

    public RolloutFailedException(String message, String fix, boolean deadlineExceeded, DeployResult result) {
        super(message, fix);
        this.deadlineExceeded = deadlineExceeded;
        this.result = result;
    }

    public boolean deadlineExceeded() {
        return deadlineExceeded;
    }

    /** What was applied and whether a rollback ran. */
    public DeployResult result() {
        return result;
    }
}
