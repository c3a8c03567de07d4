package dev.slipway.testsupport.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ACR's two token endpoints on a {@link TokenServer}, with the request and response shapes of
 * Azure/acr docs/AAD-OAuth.md (https://github.com/Azure/acr/blob/main/docs/AAD-OAuth.md):
 * <ul>
 *   <li>{@code POST /oauth2/exchange}, form {@code grant_type=access_token&service=&tenant=&access_token=<AAD token>}
 *       → {@code {"refresh_token":"<ACR refresh token>"}};</li>
 *   <li>{@code POST /oauth2/token}, form {@code grant_type=refresh_token&service=&scope=..&refresh_token=}
 *       → {@code {"access_token":"..."}}; and the basic-auth variant {@code GET /oauth2/token?service=&scope=}.</li>
 * </ul>
 * It accepts Azure AD tokens whose {@code aud} is ACR's or ARM's (unless told to refuse ARM), as ACR does; it does
 * not check Azure AD signatures (the Azure AD fake is the authority on those). It can refuse the exchange, expire
 * access tokens early, and counts calls.
 */
public final class AcrTokenEndpoints {
    public static final String EXCHANGE_PATH = "/oauth2/exchange";
    public static final String TOKEN_PATH = "/oauth2/token";
    public static final String ACR_AUDIENCE = "https://containerregistry.azure.net";
    public static final String ARM_AUDIENCE = "https://management.azure.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenServer server;
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger exchangeCalls = new AtomicInteger();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicInteger expireEarly = new AtomicInteger();
    private volatile int refuseExchangeStatus;
    private volatile boolean refuseArmAudience;
    private volatile Duration accessTokenLifetime = Duration.ofMinutes(5);

    private AcrTokenEndpoints(TokenServer server) {
        this.server = server;
    }

    /** Adds the endpoints to {@code server}. */
    public static AcrTokenEndpoints install(TokenServer server) {
        AcrTokenEndpoints endpoints = new AcrTokenEndpoints(server);
        server.route("POST", EXCHANGE_PATH, endpoints::exchange);
        server.route("POST", TOKEN_PATH, endpoints::refreshTokenGrant);
        server.route("GET", TOKEN_PATH, endpoints::basicGrant);
        return endpoints;
    }

    /** The realm a registry should announce: {@code http://127.0.0.1:port/oauth2/token}. */
    public java.net.URI realm() {
        return server.baseUri().resolve(TOKEN_PATH);
    }

    /** From now on the exchange answers {@code status} (e.g. 401), as ACR does for an identity without access. */
    public AcrTokenEndpoints refuseExchange(int status) {
        this.refuseExchangeStatus = status;
        return this;
    }

    /** Refuse ARM-audience Azure AD tokens, as a registry with {@code authentication-as-arm} disabled does. */
    public AcrTokenEndpoints refuseArmAudience(boolean refuse) {
        this.refuseArmAudience = refuse;
        return this;
    }

    /** The lifetime of access tokens minted from now on (ACR's are about 3 h; tests use less). */
    public AcrTokenEndpoints accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
        return this;
    }

    /** The next {@code count} access tokens are minted already expired: the registry will refuse them. */
    public AcrTokenEndpoints expireNextAccessTokens(int count) {
        this.expireEarly.set(count);
        return this;
    }

    public int exchangeCalls() {
        return exchangeCalls.get();
    }

    public int tokenCalls() {
        return tokenCalls.get();
    }

    public void resetCounts() {
        exchangeCalls.set(0);
        tokenCalls.set(0);
    }

    private TokenServer.Response exchange(TokenServer.Request request) {
        exchangeCalls.incrementAndGet();
        if (refuseExchangeStatus != 0) {
            return TokenServer.Response.error(refuseExchangeStatus, "unauthorized", "the identity has no access to this registry");
        }
        Optional<String> grant = request.parameter("grant_type");
        if (grant.isEmpty() || !grant.get().equals("access_token")) {
            return TokenServer.Response.error(400, "unsupported_grant_type", "grant_type must be access_token, was " + grant.orElse("(none)"));
        }
        if (!request.parameter("service").map(server.service()::equals).orElse(false)) {
            return TokenServer.Response.error(400, "invalid_request", "service must be " + server.service());
        }
        Optional<String> aad = request.parameter("access_token");
        if (aad.isEmpty()) {
            return TokenServer.Response.error(400, "invalid_request", "access_token is required");
        }
        Optional<JsonNode> claims = claims(aad.get());
        String audience = claims.map(c -> c.path("aud").asText("")).orElse("").replaceAll("/+$", "");
        boolean acr = audience.equals(ACR_AUDIENCE);
        boolean arm = audience.equals(ARM_AUDIENCE);
        if (claims.isEmpty() || !(acr || (arm && !refuseArmAudience))) {
            return TokenServer.Response.error(401, "unauthorized", "the Azure AD token's audience '" + audience + "' is not accepted");
        }
        if (claims.get().path("exp").asLong(Long.MAX_VALUE) < Instant.now().getEpochSecond()) {
            return TokenServer.Response.error(401, "unauthorized", "the Azure AD token has expired");
        }
        String subject = claims.get().path("oid").asText(claims.get().path("sub").asText("unknown"));
        String refreshToken = server.mint(subject, List.of(), Duration.ofHours(3));
        refreshTokens.add(refreshToken);
        return TokenServer.Response.json(200, Map.of("refresh_token", refreshToken));
    }

    private TokenServer.Response refreshTokenGrant(TokenServer.Request request) {
        tokenCalls.incrementAndGet();
        if (!request.parameter("grant_type").map("refresh_token"::equals).orElse(false)) {
            return TokenServer.Response.error(400, "unsupported_grant_type", "grant_type must be refresh_token");
        }
        if (!request.parameter("service").map(server.service()::equals).orElse(false)) {
            return TokenServer.Response.error(400, "invalid_request", "service must be " + server.service());
        }
        String refreshToken = request.parameter("refresh_token").orElse("");
        if (!refreshTokens.contains(refreshToken)) {
            return TokenServer.Response.error(401, "unauthorized", "the refresh token was not issued here");
        }
        return accessToken("acr-refresh-token-user", request.parameters("scope"));
    }

    private TokenServer.Response basicGrant(TokenServer.Request request) {
        tokenCalls.incrementAndGet();
        if (server.credentials().isPresent() && !request.basicAuth().equals(server.credentials())) {
            return new TokenServer.Response(401, Map.of("errors", List.of(Map.of("code", "UNAUTHORIZED",
                    "message", "basic auth with the test credentials is required"))), Map.of());
        }
        return accessToken(request.basicAuth().map(Credentials::username).orElse("anonymous"), request.parameters("scope"));
    }

    private TokenServer.Response accessToken(String subject, List<String> scopes) {
        boolean expired = expireEarly.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        String token = server.mint(subject, scopes, expired ? Duration.ofSeconds(-30) : accessTokenLifetime);
        return TokenServer.Response.json(200, Map.of("access_token", token));
    }

    private static Optional<JsonNode> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
        } catch (Exception notAJwt) {
            return Optional.empty();
        }
    }
}
