package dev.slipway.gitops;

import java.io.Serializable;

/**
 * One scalar changed, added or removed.
 *
 * @param path     the field path in the document, e.g. {@code spec.template.spec.containers[0].image}
 * @param target   which rule found it (see {@link Target})
 * @param oldValue the value before; null when the field was added
 * @param newValue the value after; null when the field was removed
 * @param line     1-based line of the field in the original file
 */
public record FieldUpdate(String path, Target target, String oldValue, String newValue, int line) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The places an image is written that the updater knows. */
    public enum Target {
        WORKLOAD_CONTAINER, KUSTOMIZE_IMAGES, HELM_VALUES, ARGOCD_KUSTOMIZE_IMAGES, ARGOCD_HELM_PARAMETERS, FLUX_MARKER
    }

    public String describe() {
        if (oldValue == null) {
            return path + ": added " + newValue;
        }
        if (newValue == null) {
            return path + ": removed " + oldValue;
        }
        return path + ": " + oldValue + " -> " + newValue;
    }
}
