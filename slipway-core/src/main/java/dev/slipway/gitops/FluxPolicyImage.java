package dev.slipway.gitops;

import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;

/**
 * The image a Flux ImagePolicy resolved to, split the way Flux's setters use it: {@code name} (as written, not
 * normalised), {@code tag}, {@code digest} (empty when absent) and the whole reference as given.
 */
record FluxPolicyImage(String policy, String full, String name, String tag, String digest) {

    static FluxPolicyImage parse(String policy, String image) {
        if (policy == null || !policy.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new InvalidInputException("fluxPolicies", "'" + policy + "' is not <namespace>:<policy>",
                    "name each policy as Flux markers do, e.g. flux-system:web");
        }
        ImageRef.parse("fluxPolicies." + policy, image);
        String rest = image;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new FluxPolicyImage(policy, image, rest, tag, digest);
    }

    /** The value Flux writes for a marker's field: the whole reference, or {@code name}, {@code tag}, {@code digest}. */
    String valueFor(String field) {
        return switch (field) {
            case "" -> full;
            case "name" -> name;
            case "tag" -> tag;
            case "digest" -> digest;
            default -> throw new IllegalArgumentException(field);
        };
    }
}
