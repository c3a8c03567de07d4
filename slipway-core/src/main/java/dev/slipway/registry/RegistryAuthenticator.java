package dev.slipway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.azure.AcrTokenExchange;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.azure.AzureToken;
import dev.slipway.azure.AzureTokenSource;
import dev.slipway.azure.JwtExpiry;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Answers a registry's {@code WWW-Authenticate} challenge for one {@link RegistryAuth}: Basic credentials as they
 * are, or a bearer token from the challenge's realm (Docker token GET for anonymous and basic; ACR
 * {@code /oauth2/token} with a refresh token; Azure AD → {@code /oauth2/exchange} → refresh token first).
 * Tokens are cached per scope set and renewed {@link #REFRESH_MARGIN} before their {@code exp}.
 */
final class RegistryAuthenticator {
    /** Renew a token this long before it expires, so no request leaves with a token about to die. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final RegistryAuth auth;
    private final HttpClient http;
    private final SecretMasker masker;
    private final Clock clock;
    private final Supplier<AzureTokenSource> azureTokens;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokensFetched = new AtomicInteger();
    private volatile BearerChallenge challenge;
    private volatile AcrTokenExchange.AcrToken acrRefreshToken;

    private record CachedToken(Secret value, Instant expiresAt) { }

    RegistryAuthenticator(String registry, RegistryAuth auth, HttpClient http, SecretMasker masker, Clock clock,
            Supplier<AzureTokenSource> azureTokens) {
        this.registry = registry;
        this.auth = auth;
        this.http = http;
        this.masker = masker;
        this.clock = clock;
        this.azureTokens = azureTokens;
        if (auth instanceof RegistryAuth.Basic basic) {
            masker.register(basic.password());
        } else if (auth instanceof RegistryAuth.AcrRefreshToken refresh) {
            masker.register(refresh.refreshToken());
            acrRefreshToken = new AcrTokenExchange.AcrToken(refresh.refreshToken(),
                    JwtExpiry.of(refresh.refreshToken().reveal()).orElse(Instant.MAX));
        }
    }

    RegistryAuth auth() {
        return auth;
    }

    /** The realm of the last bearer challenge, if any. */
    Optional<URI> realm() {
        BearerChallenge current = challenge;
        return current == null ? Optional.empty() : current.parameter("realm").map(URI::create);
    }

    /** The service of the last bearer challenge, if any. */
    Optional<String> service() {
        BearerChallenge current = challenge;
        return current == null ? Optional.empty() : current.parameter("service");
    }

    /** How many tokens were fetched (bearer, exchange excluded): re-authentications show here. */
    int tokensFetched() {
        return tokensFetched.get();
    }

    /** The {@code Authorization} header for a request needing {@code scopes}, or empty until challenged. */
    Optional<String> authorization(List<String> scopes) {
        BearerChallenge current = challenge;
        if (current == null) {
            return Optional.empty();
        }
        if (current.isBasic()) {
            return basicHeader();
        }
        String key = String.join(" ", scopes);
        CachedToken token = tokens.get(key);
        if (token == null || !clock.instant().isBefore(token.expiresAt().minus(REFRESH_MARGIN))) {
            token = fetchToken(current, scopes);
            tokens.put(key, token);
        }
        return Optional.of("Bearer " + token.value().reveal());
    }

    /** The registry answered 401 with {@code header}: remember how it wants to be asked, drop the token for {@code scopes}. */
    void challenged(String header, List<String> scopes) {
        BearerChallenge parsed = BearerChallenge.parse(header).orElseThrow(() -> new AuthenticationException(
                "registry " + registry + " answered 401 without a WWW-Authenticate challenge",
                "check that " + registry + " is a container registry (OCI distribution API)"));
        if (!parsed.isBearer() && !parsed.isBasic()) {
            throw new AuthenticationException("registry " + registry + " asks for '" + parsed.scheme()
                    + "' authentication, which Slipway does not speak", "use a registry with Basic or Bearer token auth");
        }
        if (parsed.isBasic() && auth instanceof RegistryAuth.Anonymous) {
            throw new AuthenticationException("registry " + registry + " requires a user name and password and none was given",
                    "give credentials (user name with a password from an environment variable, file or stdin)");
        }
        challenge = parsed;
        tokens.remove(String.join(" ", scopes));
    }

    private Optional<String> basicHeader() {
        String user;
        Secret password;
        if (auth instanceof RegistryAuth.Basic basic) {
            user = basic.username();
            password = basic.password();
        } else if (auth instanceof RegistryAuth.Anonymous) {
            return Optional.empty();
        } else {
            user = AcrTokenExchange.NULL_GUID_USER;
            password = refreshToken().value();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8)));
    }

    private CachedToken fetchToken(BearerChallenge current, List<String> scopes) {
        URI realm = current.parameter("realm").map(URI::create).orElseThrow(() -> new AuthenticationException(
                "registry " + registry + " sent a Bearer challenge without a realm", "check the registry's token auth configuration"));
        String service = current.parameter("service").orElse(registry);
        tokensFetched.incrementAndGet();
        if (auth instanceof RegistryAuth.AcrRefreshToken || auth instanceof RegistryAuth.AzureAd) {
            AcrTokenExchange exchange = new AcrTokenExchange(http, masker);
            AcrTokenExchange.AcrToken refresh = refreshToken(realm, service);
            AcrTokenExchange.AcrToken access = exchange.accessToken(realm, service, scopes, refresh.value(), auth.describe());
            return new CachedToken(access.value(), access.expiresAt());
        }
        return dockerToken(realm, service, scopes);
    }

    /** The ACR refresh token, exchanged from Azure AD when none is held or it is about to expire. */
    private AcrTokenExchange.AcrToken refreshToken() {
        BearerChallenge current = challenge;
        URI realm = current == null ? URI.create("https://" + registry + "/oauth2/token")
                : current.parameter("realm").map(URI::create).orElse(URI.create("https://" + registry + "/oauth2/token"));
        return refreshToken(realm, current == null ? registry : current.parameter("service").orElse(registry));
    }

    synchronized AcrTokenExchange.AcrToken refreshToken(URI realm, String service) {
        AcrTokenExchange.AcrToken held = acrRefreshToken;
        if (held != null && (auth instanceof RegistryAuth.AcrRefreshToken
                || clock.instant().isBefore(held.expiresAt().minus(REFRESH_MARGIN)))) {
            return held;
        }
        AzureIdentity identity = ((RegistryAuth.AzureAd) auth).identity();
        AzureTokenSource source = azureTokens.get();
        AzureToken aad;
        try {
            aad = source.token(identity.cloud().acrScope());
        } catch (AuthenticationException acrAudienceRefused) {
            // tenants without the ACR audience (older registries, some sovereign clouds) still take ARM tokens
            aad = source.token(identity.cloud().resourceManagerScope());
        }
        masker.register(aad.value());
        AcrTokenExchange.AcrToken exchanged = new AcrTokenExchange(http, masker).exchange(
                AcrTokenExchange.exchangeEndpoint(realm), service, identity.tenantId(), aad.value(), auth.describe());
        acrRefreshToken = exchanged;
        return exchanged;
    }

    /** The Docker token protocol: {@code GET realm?service=..&scope=..}, with Basic credentials when given. */
    private CachedToken dockerToken(URI realm, String service, List<String> scopes) {
        StringBuilder query = new StringBuilder("service=").append(encode(service));
        scopes.forEach(scope -> query.append("&scope=").append(encode(scope)));
        URI uri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        basicHeader().ifPresent(header -> request.header("Authorization", header));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException("cannot reach the token service " + realm.getHost() + " of registry " + registry
                    + " (" + e + ")", "check the network and proxy settings", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while getting a token from " + realm.getHost(), null, e);
        }
        String body = masker.mask(new String(response.body(), StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException("the token service of registry " + registry + " refused " + auth.describe()
                    + " for " + String.join(" ", scopes) + " (HTTP " + response.statusCode() + "): "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body),
                    auth instanceof RegistryAuth.Anonymous ? "give credentials for " + registry
                            : "check the user name and password, and that the identity may " + String.join(" ", scopes));
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            String token = json.hasNonNull("token") ? json.get("token").asText()
                    : json.hasNonNull("access_token") ? json.get("access_token").asText() : null;
            if (token == null || token.isEmpty()) {
                throw new AuthenticationException("the token service of registry " + registry + " answered without a token",
                        "check the registry's token service");
            }
            Secret secret = Secret.of(token);
            masker.register(secret);
            Instant now = clock.instant();
            Instant expiry = JwtExpiry.of(token).orElseGet(() -> now.plusSeconds(
                    json.hasNonNull("expires_in") ? json.get("expires_in").asLong() : 60));
            return new CachedToken(secret, expiry);
        } catch (IOException e) {
            throw new AuthenticationException("the token service of registry " + registry + " answered something that is not JSON",
                    "check the registry's token service");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
