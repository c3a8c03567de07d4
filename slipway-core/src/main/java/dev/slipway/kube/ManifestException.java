package dev.slipway.kube;

import dev.slipway.support.InvalidInputException;

/** A manifest that cannot be read: names the file, and the line and column where known. Nothing is applied. */
public class ManifestException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message, String fix) {
        super("manifests", message, fix);
    }
}
