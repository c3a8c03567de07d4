package dev.slipway.support;

/** Bad input from the user: names the field (a step parameter, CLI option or config key) and the fix. */
public class InvalidInputException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message, String fix) {
        super(field + ": " + message, fix);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
