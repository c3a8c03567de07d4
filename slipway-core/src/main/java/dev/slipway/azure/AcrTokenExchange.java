package dev.slipway.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ACR's two token endpoints (Azure/acr docs/AAD-OAuth.md): {@code POST /oauth2/exchange} turns an Azure AD token
 * into an ACR refresh token; {@code POST /oauth2/token} turns that into an access token for given scopes.
 * Every token obtained is registered with the masker before anything can print it.
 */
public final class AcrTokenExchange {
    /** The user name that tells ACR the password is an ACR refresh token. */
    public static final String NULL_GUID_USER = "00000000-0000-0000-0000-000000000000";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final SecretMasker masker;

    public AcrTokenExchange(HttpClient http, SecretMasker masker) {
        this.http = http;
        this.masker = masker;
    }

    /** An ACR token and when it expires (the JWT's {@code exp}, else the documented ~3 h). */
    public record AcrToken(Secret value, Instant expiresAt) { }

    /** The exchange endpoint next to a token realm such as {@code https://reg.azurecr.io/oauth2/token}. */
    public static URI exchangeEndpoint(URI realm) {
        String path = realm.getPath() == null ? "" : realm.getPath();
        if (path.endsWith("/oauth2/token")) {
            return realm.resolve(path.substring(0, path.length() - "token".length()) + "exchange");
        }
        return realm.resolve("/oauth2/exchange");
    }

    /**
     * {@code grant_type=access_token}: Azure AD token → ACR refresh token.
     *
     * @param tenant the identity's tenant, or {@code null} (managed identity)
     */
    public AcrToken exchange(URI exchangeEndpoint, String service, String tenant, Secret aadToken, String identity) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "access_token");
        form.put("service", service);
        if (tenant != null && !tenant.isBlank()) {
            form.put("tenant", tenant);
        }
        form.put("access_token", aadToken.reveal());
        JsonNode body = post(exchangeEndpoint, form, "exchange the Azure AD token of " + identity + " for an ACR refresh token",
                service, identity);
        return token(body, "refresh_token", exchangeEndpoint, Duration.ofHours(3));
    }

    /** {@code grant_type=refresh_token}: ACR refresh token → access token for {@code scopes}. */
    public AcrToken accessToken(URI tokenEndpoint, String service, List<String> scopes, Secret refreshToken, String identity) {
        StringBuilder form = new StringBuilder();
        form.append("grant_type=refresh_token&service=").append(encode(service));
        for (String scope : scopes) {
            form.append("&scope=").append(encode(scope));
        }
        form.append("&refresh_token=").append(encode(refreshToken.reveal()));
        JsonNode body = post(tokenEndpoint, form.toString(), "get an ACR access token for " + String.join(" ", scopes),
                service, identity);
        return token(body, "access_token", tokenEndpoint, Duration.ofMinutes(5));
    }

    private AcrToken token(JsonNode body, String field, URI endpoint, Duration defaultLifetime) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new SlipwayException(endpoint + " answered without '" + field + "'",
                    "check that the registry is an Azure Container Registry with Azure AD authentication enabled");
        }
        Secret token = Secret.of(value.asText());
        masker.register(token);
        Instant expiry = JwtExpiry.of(value.asText()).orElse(Instant.now().plus(defaultLifetime));
        return new AcrToken(token, expiry);
    }

    private JsonNode post(URI endpoint, Map<String, String> form, String what, String service, String identity) {
        return post(endpoint, form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")), what, service, identity);
    }

    private JsonNode post(URI endpoint, String form, String what, String service, String identity) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SlipwayException("cannot " + what + ": " + endpoint + " is unreachable (" + e + ")",
                    "check the registry host, the network and the proxy settings", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted while trying to " + what, null, e);
        }
        String text = masker.mask(new String(response.body(), StandardCharsets.UTF_8));
        if (response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() == 400) {
            throw new AuthenticationException("registry " + service + " refused to " + what + " (HTTP " + response.statusCode()
                    + "): " + abbreviate(text),
                    "give " + identity + " the AcrPush role (or AcrPull to read) on the registry, and check that Azure AD"
                            + " authentication is enabled on it");
        }
        if (response.statusCode() / 100 != 2) {
            throw new SlipwayException("cannot " + what + ": " + endpoint + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(text), "try again later; check the registry's status");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SlipwayException("cannot " + what + ": " + endpoint + " answered something that is not JSON",
                    "check that the registry is an Azure Container Registry", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
