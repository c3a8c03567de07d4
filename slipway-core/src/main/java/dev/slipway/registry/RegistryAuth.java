package dev.slipway.registry;

import dev.slipway.azure.AzureIdentity;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;

/** How to authenticate to a registry (issue #4). */
public sealed interface RegistryAuth extends EngineMessage {

    /** No credentials (or only the anonymous bearer challenge). */
    record Anonymous() implements RegistryAuth { }

    /** User name and password: ACR admin user, ACR scoped tokens, any registry's basic auth. */
    record Basic(String username, Secret password) implements RegistryAuth { }

    /**
     * An ACR refresh token already exchanged on the Jenkins controller (so Azure credentials stay there);
     * the agent turns it into scoped access tokens.
     */
    record AcrRefreshToken(Secret refreshToken) implements RegistryAuth { }

    /** An Azure AD identity, exchanged for an ACR refresh token ({@code /oauth2/exchange}) by the engine. */
    record AzureAd(AzureIdentity identity) implements RegistryAuth { }
}
