package dev.slipway.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Reads the {@code exp} claim of a JWT without verifying it: only to know when to refresh. */
public final class JwtExpiry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtExpiry() {
    }

    /** The token's {@code exp}, or empty when it is not a JWT or has none. */
    public static Optional<Instant> of(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.get("exp");
            return exp != null && exp.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (Exception notAJwt) {
            return Optional.empty();
        }
    }
}
