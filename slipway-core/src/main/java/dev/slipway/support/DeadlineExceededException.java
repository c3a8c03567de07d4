package dev.slipway.support;

import java.time.Duration;

/** A wait (rollout, sync, merge) did not finish before its deadline; the message says what was last seen. */
public class DeadlineExceededException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final Duration deadline;

    public DeadlineExceededException(String message, Duration deadline, String fix) {
        super(message, fix);
        this.deadline = deadline;
    }

    public Duration deadline() {
        return deadline;
    }
}
