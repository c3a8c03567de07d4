package dev.slipway.support;

import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Masks every known secret value in text before it leaves the engine (events, exception messages,
 * records). Secrets are registered as they become known (a token minted mid-run included), together with
 * their Base64 form, which is how they appear in Basic-auth headers and Docker auth files.
 */
public final class SecretMasker {
    /** Values shorter than this are not masked: masking "a" everywhere would destroy every message. */
    static final int MINIMUM_LENGTH = 4;

    private final List<String> values = new CopyOnWriteArrayList<>();

    public SecretMasker register(Secret secret) {
        if (secret != null) {
            add(secret.reveal());
        }
        return this;
    }

    private void add(String value) {
        if (value.length() < MINIMUM_LENGTH || values.contains(value)) {
            return;
        }
        values.add(value);
        values.add(Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // longest first, so a secret that contains another is masked whole
        values.sort(Comparator.comparingInt(String::length).reversed());
    }

    public String mask(String text) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : values) {
            if (masked.contains(value)) {
                masked = masked.replace(value, Secret.MASK);
            }
        }
        return masked;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
