package dev.slipway.sync;

import dev.slipway.support.SlipwayException;

/** Argo CD, Flux or the Git host answered something the wait cannot go on with (not a deadline, not a refusal). */
public class SyncException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public SyncException(String message, String fix) {
        super(message, fix);
    }
}
