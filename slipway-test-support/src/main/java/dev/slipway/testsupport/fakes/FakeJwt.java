package dev.slipway.testsupport.fakes;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unsigned JWT-shaped tokens for the fakes ({@code alg: none}, signature "fake"): the Azure AD fake issues
 * them, the ARM fake reads their {@code aud} and {@code exp}. Not a security mechanism.
 */
public final class FakeJwt {
    private FakeJwt() {}

    /** A token for {@code audience} issued by {@code tenant} to {@code clientId}, valid for {@code seconds}. */
    public static String issue(String audience, String tenant, String clientId, long seconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", "https://sts.windows.net/" + tenant + "/");
        claims.put("tid", tenant);
        claims.put("appid", clientId);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + seconds);
        return encode(Map.of("typ", "JWT", "alg", "none")) + "." + encode(claims) + ".fake";
    }

    /** The claims of a token, or null when it is not a three-part JWT with a JSON payload. */
    public static Map<String, Object> claims(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(parts[1]);
            return FakeResponse.JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(FakeResponse.JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
