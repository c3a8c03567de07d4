package io.jenkins.plugins.slipway.model;

import dev.slipway.gitops.UpdateSpec;
import dev.slipway.support.InvalidInputException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The form checks of {@code gitopsUpdate} and {@code waitForSync}: each returns the problem with a value as the user
 * reads it (what is wrong, then the fix), or empty when the value is fine. The same rules refuse bad input when the
 * step runs; the descriptors' {@code doCheck*} methods only turn a problem into a form error.
 */
public final class GitOpsFieldChecks {
    private GitOpsFieldChecks() {
    }

    public static Optional<String> repository(String value) {
        return problem(value, GitOpsUpdatePlan::repository);
    }

    public static Optional<String> image(String value) {
        return problem(value, GitOpsUpdatePlan::image);
    }

    /** Blank is fine: the default pin. */
    public static Optional<String> pin(String value) {
        return StepValues.text(value) == null ? Optional.empty() : problem(value, v -> UpdateSpec.parsePin("pin", v));
    }

    public static Optional<String> commit(String value) {
        return problem(value, WaitForSyncPlan::commit);
    }

    /** Blank is fine: the engine's default. */
    public static Optional<String> duration(String field, String value) {
        return problem(value, v -> WaitForSyncPlan.duration(field, v));
    }

    private static Optional<String> problem(String value, Consumer<String> rule) {
        try {
            rule.accept(value);
            return Optional.empty();
        } catch (InvalidInputException refused) {
            String message = refused.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(refused.field()) + ": ", "");
            String text = message + (refused.fix() == null ? "" : ": " + refused.fix());
            return Optional.of(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }
    }
}
