package dev.slipway.support;

/** A registry, cluster, Git host or Azure refused the identity, or the identity lacks a permission. */
public class AuthenticationException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, String fix) {
        super(message, fix);
    }

    public AuthenticationException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}
