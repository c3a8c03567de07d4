package dev.slipway.image;

import dev.slipway.support.InvalidInputException;

/** An image reference that does not follow the OCI/Docker reference grammar. The message quotes the input. */
public final class InvalidImageReferenceException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String input;

    public InvalidImageReferenceException(String field, String input, String problem, String fix) {
        super(field, "'" + printable(input) + "' is not a valid image reference: " + problem, fix);
        this.input = input;
    }

    public String input() {
        return input;
    }

    /** Control characters are shown escaped so the message itself stays on one readable line. */
    static String printable(String input) {
        if (input == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(input.length());
        for (char c : input.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
