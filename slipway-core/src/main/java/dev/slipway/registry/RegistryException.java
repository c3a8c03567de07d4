package dev.slipway.registry;

import dev.slipway.support.SlipwayException;

/** A registry operation failed for a reason other than authentication: unreachable, refused content, server errors. */
public class RegistryException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message, String fix) {
        super(message, fix);
    }

    public RegistryException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}
