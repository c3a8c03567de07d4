package dev.slipway.gitops;

import dev.slipway.support.InvalidInputException;
import java.util.Locale;

/**
 * What an update writes where a target has a place for both a tag and a digest. Without a pin each target
 * writes what it can hold (plain manifests {@code repo:tag@sha256:…}; kustomize {@code newTag} and
 * {@code digest}; Helm the tag and, when a digest key is configured, the digest).
 */
public enum Pin {
    /** Only the tag; a digest already written next to it is removed (kustomize) or emptied (Helm), or it would win. */
    TAG,
    /** Only the digest: {@code repo@sha256:…}; kustomize {@code digest} (a stale {@code newTag} is removed). */
    DIGEST,
    /** Tag and digest: {@code repo:tag@sha256:…}. */
    BOTH;

    /** Parses {@code tag}, {@code digest} or {@code both} (any case); {@code field} names the option in the error. */
    public static Pin parse(String field, String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException notAPin) {
                // fall through to the typed error
            }
        }
        throw new InvalidInputException(field, "'" + text + "' is not a pin", "use one of: tag, digest, both");
    }
}
