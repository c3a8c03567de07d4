package dev.slipway.registry;

import dev.slipway.azure.AzureIdentity;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;
import java.util.Objects;

/** How to authenticate to a registry (issue #4). {@link #describe()} names the identity in error messages. */
public sealed interface RegistryAuth extends EngineMessage {

    /** The identity as error messages name it; never a secret. */
    String describe();

    /** No credentials (or only the anonymous bearer challenge). */
    record Anonymous() implements RegistryAuth {
        @Override
        public String describe() {
            return "anonymous";
        }
    }

    /** User name and password: ACR admin user, ACR scoped tokens, any registry's basic auth. */
    record Basic(String username, Secret password) implements RegistryAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String describe() {
            return "user '" + username + "'";
        }
    }

    /**
     * An ACR refresh token already exchanged on the Jenkins controller (so Azure credentials stay there);
     * the agent turns it into scoped access tokens.
     */
    record AcrRefreshToken(Secret refreshToken) implements RegistryAuth {
        @Override
        public String describe() {
            return "an ACR refresh token";
        }
    }

    /**
     * An Azure AD identity, exchanged for an ACR refresh token ({@code /oauth2/exchange}) by the engine.
     *
     * @param identity      the service principal, managed or workload identity
     * @param authorityHost the Azure AD authority host to use instead of the cloud's (Azure Stack, tests), or {@code null}
     */
    record AzureAd(AzureIdentity identity, String authorityHost) implements RegistryAuth {
        public AzureAd {
            Objects.requireNonNull(identity, "identity");
        }

        public AzureAd(AzureIdentity identity) {
            this(identity, null);
        }

        @Override
        public String describe() {
            return identity.describe();
        }
    }
}
