package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.SlipwayException;

/** A job named an environment whose allowed jobs do not include it. */
public final class EnvironmentAccessDeniedException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public EnvironmentAccessDeniedException(String message, String fix) {
        super(message, fix);
    }
}
