package dev.slipway.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.azure.AzureToken;
import dev.slipway.azure.AzureTokenSource;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Azure AD where a test exercises the ACR side only: unsigned JWTs with the requested audience
 * (the ACR test endpoints read {@code aud} and do not verify Azure AD signatures). It records the scopes asked
 * for and can refuse the ACR audience.
 */
final class FakeAadTokens implements AzureTokenSource {
    final List<String> scopesAsked = new CopyOnWriteArrayList<>();
    private final boolean refuseAcrAudience;
    private final String marker;

    FakeAadTokens(boolean refuseAcrAudience, String marker) {
        this.refuseAcrAudience = refuseAcrAudience;
        this.marker = marker;
    }

    @Override
    public AzureToken token(String scope) {
        scopesAsked.add(scope);
        if (refuseAcrAudience && scope.startsWith("https://containerregistry")) {
            throw new AuthenticationException("AADSTS500011: resource principal not found", "test");
        }
        String audience = scope.replace("/.default", "");
        Instant expiry = Instant.now().plusSeconds(3600);
        try {
            String header = b64(new ObjectMapper().writeValueAsBytes(Map.of("alg", "none", "typ", "JWT")));
            String claims = b64(new ObjectMapper().writeValueAsBytes(Map.of("aud", audience, "oid", "oid-1",
                    "exp", expiry.getEpochSecond(), "marker", marker)));
            return new AzureToken(Secret.of(header + "." + claims + ".c2ln"), expiry);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
