package dev.slipway.sync;

import dev.slipway.support.InvalidInputException;
import java.util.Locale;

/** A Flux object named as {@code [Kustomization|HelmRelease/][namespace/]name} (Kustomization in flux-system by default). */
record FluxObject(String kind, String namespace, String name) {
    static final String DEFAULT_NAMESPACE = "flux-system";

    static FluxObject parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("application", "no Flux object named",
                    "name the Kustomization or HelmRelease, e.g. flux-system/web or HelmRelease/apps/web");
        }
        String[] parts = text.trim().split("/");
        String kind = "Kustomization";
        int first = 0;
        if (parts.length > 1 && kindOf(parts[0]) != null) {
            kind = kindOf(parts[0]);
            first = 1;
        }
        int rest = parts.length - first;
        if (rest < 1 || rest > 2 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new InvalidInputException("application", "'" + text + "' is not a Flux object name",
                    "write [Kustomization|HelmRelease/][namespace/]name, e.g. flux-system/web");
        }
        return rest == 2 ? new FluxObject(kind, parts[first], parts[first + 1])
                : new FluxObject(kind, DEFAULT_NAMESPACE, parts[first]);
    }

    private static String kindOf(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "kustomization", "kustomizations", "ks" -> "Kustomization";
            case "helmrelease", "helmreleases", "hr" -> "HelmRelease";
            default -> null;
        };
    }
}
