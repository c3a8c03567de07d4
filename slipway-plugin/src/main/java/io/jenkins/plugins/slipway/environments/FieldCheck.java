package io.jenkins.plugins.slipway.environments;

/**
 * The outcome of checking one form field, without Jenkins types: the {@code doCheck*} methods only map it to
 * {@code FormValidation}.
 *
 * @param kind    ok, warning or error
 * @param field   the field it is about
 * @param message what is wrong ({@code null} when ok)
 * @param fix     what to do about it ({@code null} when ok)
 */
public record FieldCheck(Kind kind, String field, String message, String fix) {

    public enum Kind { OK, WARNING, ERROR }

    public static FieldCheck ok(String field) {
        return new FieldCheck(Kind.OK, field, null, null);
    }

    public static FieldCheck error(String field, String message, String fix) {
        return new FieldCheck(Kind.ERROR, field, message, fix);
    }

    public static FieldCheck warning(String field, String message, String fix) {
        return new FieldCheck(Kind.WARNING, field, message, fix);
    }

    public boolean isOk() {
        return kind == Kind.OK;
    }

    /** The message and the fix as one sentence for a form ({@code ""} when ok). */
    public String text() {
        return kind == Kind.OK ? "" : message + ": " + fix;
    }
}
