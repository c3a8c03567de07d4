package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import java.util.Locale;

/** What a GitOps delivery waits for after its commit: nothing, an Argo CD Application or a Flux object. */
public enum WaitFor {
    NONE, ARGOCD, FLUX;

    /** {@code none}, {@code argocd} or {@code flux} (any case); {@code null} or blank is {@code null}. */
    public static WaitFor parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "argocd" -> ARGOCD;
            case "flux" -> FLUX;
            default -> throw new InvalidInputException(field, "'" + text.strip() + "' is not something to wait for",
                    "write none, argocd or flux");
        };
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
