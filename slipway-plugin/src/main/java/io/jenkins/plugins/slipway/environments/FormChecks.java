package io.jenkins.plugins.slipway.environments;

import hudson.util.FormValidation;

/** Maps a plain {@link FieldCheck} to what a form shows; the only Jenkins type validation touches. */
public final class FormChecks {
    private FormChecks() {
    }

    public static FormValidation toForm(FieldCheck check) {
        return switch (check.kind()) {
            case OK -> FormValidation.ok();
            case WARNING -> FormValidation.warning(check.text());
            case ERROR -> FormValidation.error(check.text());
        };
    }
}
