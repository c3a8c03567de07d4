package dev.slipway.testsupport.secrets;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Canary secrets for tests: a value made when the test runs, scanned for in every output to prove a secret never
 * leaks. No secret-looking value is written in the sources, and a canary cannot match text that merely quotes a
 * test.
 */
public final class Canary {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Canary() {
    }

    /** {@code canary-<what>-<16 random hex digits>}, e.g. {@code Canary.of("kube-token")}. */
    public static String of(String what) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "canary-" + what + "-" + HexFormat.of().formatHex(bytes);
    }
}
