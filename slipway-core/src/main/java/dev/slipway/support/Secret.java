package dev.slipway.support;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (password, token, private key). It never renders itself: {@link #toString()} and JSON
 * serialization give {@value #MASK}; only {@link #reveal()} returns the value, at the one place it is used.
 * It is {@link Serializable} because short-lived tokens cross the Jenkins remoting channel to the agent.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        return new Secret(value);
    }

    /** The value itself; call it only where the secret is handed to its consumer (HTTP header, Git transport, file). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    @JsonValue
    public String toString() {
        return MASK;
    }

    /** Constant-time comparison, so equality checks do not leak the value through timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret
                && MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        secret.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately uninformative
    }
}
