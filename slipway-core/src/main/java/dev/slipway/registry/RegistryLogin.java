package dev.slipway.registry;

import dev.slipway.azure.AcrTokenExchange;
import dev.slipway.delivery.EngineContext;
import dev.slipway.support.Event;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * Docker-style credentials for tools the user runs ({@code login}): the user name and password to put in a
 * Docker config. Basic credentials stay as they are; an Azure AD identity is exchanged for an ACR refresh
 * token, which docker, buildah and skopeo present with the null-GUID user name.
 */
public final class RegistryLogin {
    private final EngineContext context;

    public RegistryLogin(EngineContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** A user name and password for a Docker config; the password is registered with the masker. */
    public record LoginCredentials(String registry, String username, Secret password) { }

    /**
     * {@link #credentials} that the registry has accepted: a user name and password or a refresh token given as is are
     * tried with {@code GET /v2/} first (as {@code docker login} does), so a wrong password fails here, as an
     * {@link dev.slipway.support.AuthenticationException}, not later inside the user's command. An Azure AD identity
     * is proved by its token exchange already.
     */
    public LoginCredentials checkedCredentials(String registry, RegistryAuth auth, RegistryTransport transport) {
        return credentials(registry, auth, transport, true);
    }

    /** The credentials without asking the registry about given ones (Jenkins' controller need not reach it). */
    public LoginCredentials credentials(String registry, RegistryAuth auth, RegistryTransport transport) {
        return credentials(registry, auth, transport, false);
    }

    private LoginCredentials credentials(String registry, RegistryAuth auth, RegistryTransport transport, boolean check) {
        if (registry == null || registry.isBlank()) {
            throw new InvalidInputException("registry", "is empty", "give the registry host, e.g. myacr.azurecr.io");
        }
        context.events().started(Event.Phase.LOGIN, registry, "logging in to " + registry + " as " + auth.describe());
        LoginCredentials credentials;
        if (auth instanceof RegistryAuth.Basic basic) {
            context.events().masker().register(basic.password());
            credentials = new LoginCredentials(registry, basic.username(), basic.password());
        } else if (auth instanceof RegistryAuth.AcrRefreshToken refresh) {
            context.events().masker().register(refresh.refreshToken());
            credentials = new LoginCredentials(registry, AcrTokenExchange.NULL_GUID_USER, refresh.refreshToken());
        } else if (auth instanceof RegistryAuth.AzureAd) {
            RegistrySession session = new RegistrySession(transport, context.network(), context.events(), Event.Phase.LOGIN);
            RegistryClient client = session.client(registry, auth);
            // one cheap request to learn the registry's challenge (realm and service) for the exchange
            client.blobExists("slipway/login-probe", RegistryClient.sha256(new byte[0]), RegistryClient.pull("slipway/login-probe"));
            URI realm = client.authenticator().realm().orElseGet(() -> URI.create(transport.scheme(registry) + "://" + registry
                    + "/oauth2/token"));
            Secret refreshToken = client.authenticator().refreshToken(realm, client.authenticator().service().orElse(registry)).value();
            credentials = new LoginCredentials(registry, AcrTokenExchange.NULL_GUID_USER, refreshToken);
        } else {
            throw new InvalidInputException("auth", "anonymous access needs no login", "give credentials or an Azure identity");
        }
        if (check && !(auth instanceof RegistryAuth.AzureAd)) {
            new RegistrySession(transport, context.network(), context.events(), Event.Phase.LOGIN).client(registry, auth)
                    .checkCredentials();
        }
        context.events().finished(Event.Phase.LOGIN, registry, "credentials for " + registry + " ready (user "
                + credentials.username() + ")");
        return credentials;
    }

}
