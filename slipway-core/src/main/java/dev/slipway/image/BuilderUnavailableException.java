package dev.slipway.image;

import dev.slipway.support.SlipwayException;

/** The requested builder (buildah, a Docker daemon) is not installed or cannot run here. */
public class BuilderUnavailableException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public BuilderUnavailableException(String message, String fix) {
        super(message, fix);
    }

    public BuilderUnavailableException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}
