package dev.slipway.image;

import dev.slipway.support.SlipwayException;

/**
 * A Dockerfile step failed. The message names the step and the exit code and ends with the step's last lines of
 * output (secrets masked), so the build log shows why without scrolling.
 */
public class BuildFailedException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final int exitCode;

    public BuildFailedException(String step, int exitCode, String output, String fix) {
        super((step == null ? "the build" : "step " + step) + " failed with exit code " + exitCode
                + (output == null || output.isBlank() ? "" : "; its output ended with:\n" + output.stripTrailing()), fix);
        this.step = step;
        this.exitCode = exitCode;
    }

    /** The failing step as the Dockerfile has it (e.g. {@code RUN make}), or {@code null} if unknown. */
    public String step() {
        return step;
    }

    public int exitCode() {
        return exitCode;
    }
}
