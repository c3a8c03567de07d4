package dev.slipway.azure;

/**
 * Where Azure AD tokens come from. {@link AzureIdentityTokens} gets them through azure-identity; the Jenkins
 * controller may provide its own from the Azure credentials plugin.
 */
@FunctionalInterface
public interface AzureTokenSource {
    /**
     * A token for {@code scope} (e.g. {@code https://containerregistry.azure.net/.default}).
     *
     * @throws dev.slipway.support.AuthenticationException when Azure AD refuses the identity or the scope
     */
    AzureToken token(String scope);
}
