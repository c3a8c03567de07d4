package dev.slipway.azure;

import dev.slipway.support.Secret;
import java.time.Instant;
import java.util.Objects;

/** An Azure AD access token and when it expires. */
public record AzureToken(Secret value, Instant expiresAt) {
    public AzureToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
