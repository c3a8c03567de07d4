package dev.slipway.testsupport.registry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A throwaway user name and password generated per test run. {@link #toString()} hides the password. */
public record Credentials(String username, String password) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code username} with a random password. */
    public static Credentials generate(String username) {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        return new Credentials(username, HexFormat.of().formatHex(secret));
    }

    /** The value of an {@code Authorization: Basic} header. */
    public String basicAuthorization() {
        return "Basic " + base64UserColonPassword();
    }

    /** {@code base64(user:password)}, as docker/containers auth files store it. */
    public String base64UserColonPassword() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
