package dev.slipway.gitops;

import java.io.Serializable;

/**
 * Something the update skipped and the user should know: a Helm template, a symlink, a Flux marker whose
 * policy was not given, a reference that names the image but could not be read as one.
 *
 * @param path    the file relative to the root, '/' separated
 * @param line    1-based line, or 0 for the whole file
 * @param message what was skipped and why
 */
public record Notice(String path, int line, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return path + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
