package dev.slipway.support;

/**
 * An engine entry point whose issue has not landed yet. Thrown instead of pretending to work; the
 * README lists which entry points are live.
 */
public class NotImplementedYetException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public NotImplementedYetException(String entryPoint, String issue) {
        super(entryPoint + " is not implemented yet (" + issue + ")", "see README.md, 'What works today'");
    }
}
