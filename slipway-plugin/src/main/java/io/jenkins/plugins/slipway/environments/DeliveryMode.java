package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import java.util.Locale;

/** Push mode (apply to the cluster) or GitOps mode (commit to the GitOps repository). */
public enum DeliveryMode {
    PUSH, GITOPS;

    /** {@code push} or {@code gitops} (any case); {@code null} or blank is {@code null}. */
    public static DeliveryMode parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "push" -> PUSH;
            case "gitops" -> GITOPS;
            default -> throw new InvalidInputException(field, "'" + text.strip() + "' is not a mode",
                    "write push or gitops");
        };
    }

    /** As written in forms and Configuration as Code. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
