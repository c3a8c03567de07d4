package dev.slipway.support;

/**
 * The root of the engine's typed errors. Adapters (CLI, Jenkins) turn them into messages and exit codes;
 * every message is written for the user and never contains a secret.
 */
public class SlipwayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String fix;

    public SlipwayException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    public SlipwayException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    /** What the user can do about it, or {@code null} when there is nothing to suggest. */
    public String fix() {
        return fix;
    }

    /** The message followed by the suggested fix, as the CLI and the build log show it. */
    public String describe() {
        return fix == null || fix.isBlank() ? getMessage() : getMessage() + "\n  Fix: " + fix;
    }
}
