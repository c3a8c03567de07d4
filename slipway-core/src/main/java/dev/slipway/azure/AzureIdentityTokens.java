package dev.slipway.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.SecretMasker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Azure AD tokens for an {@link AzureIdentity} through azure-identity. Credentials are constructed explicitly
 * (no environment or default-chain lookups), with the identity's cloud authority host unless one is given.
 */
public final class AzureIdentityTokens implements AzureTokenSource {
    private final AzureIdentity identity;
    private final TokenCredential credential;
    private final SecretMasker masker;

    private AzureIdentityTokens(AzureIdentity identity, TokenCredential credential, SecretMasker masker) {
        this.identity = identity;
        this.credential = credential;
        this.masker = masker;
    }

    /**
     * @param authorityHost Azure AD authority host instead of the cloud's (Azure Stack, tests), or {@code null}
     * @param masker        where the identity's secrets and every token obtained are registered
     */
    public static AzureIdentityTokens of(AzureIdentity identity, String authorityHost, SecretMasker masker) {
        return of(identity, authorityHost, masker, NetworkSettings.direct());
    }

    /** As {@link #of(AzureIdentity, String, SecretMasker)}, reaching Azure AD through {@code network}. */
    public static AzureIdentityTokens of(AzureIdentity identity, String authorityHost, SecretMasker masker,
            NetworkSettings network) {
        Objects.requireNonNull(identity, "identity");
        String authority = authorityHost == null || authorityHost.isBlank() ? identity.cloud().authorityHost() : authorityHost;
        return new AzureIdentityTokens(identity, credential(identity, authority, masker, AzureHttpClient.of(network)), masker);
    }

    private static TokenCredential credential(AzureIdentity identity, String authority, SecretMasker masker,
            AzureHttpClient http) {
        if (identity instanceof AzureIdentity.ClientSecret secret) {
            masker.register(secret.clientSecret());
            return new ClientSecretCredentialBuilder().authorityHost(authority).httpClient(http)
                    .tenantId(required("tenant", secret.tenantId())).clientId(required("client id", secret.clientId()))
                    .clientSecret(secret.clientSecret().reveal()).disableInstanceDiscovery().build();
        }
        if (identity instanceof AzureIdentity.ClientCertificate certificate) {
            masker.register(certificate.certificate()).register(certificate.password());
            ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder().authorityHost(authority).httpClient(http)
                    .tenantId(required("tenant", certificate.tenantId()))
                    .clientId(required("client id", certificate.clientId())).disableInstanceDiscovery();
            String text = certificate.certificate().reveal();
            if (text.contains("-----BEGIN")) {
                builder.pemCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            } else {
                builder.pfxCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(text)));
                if (certificate.password() != null) {
                    builder.clientCertificatePassword(certificate.password().reveal());
                }
            }
            return builder.build();
        }
        if (identity instanceof AzureIdentity.ManagedIdentity managed) {
            ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().httpClient(http);
            if (managed.clientId() != null && !managed.clientId().isBlank()) {
                builder.clientId(managed.clientId());
            }
            return builder.build();
        }
        AzureIdentity.WorkloadIdentity workload = (AzureIdentity.WorkloadIdentity) identity;
        return new WorkloadIdentityCredentialBuilder().authorityHost(authority).httpClient(http)
                .tenantId(required("tenant", workload.tenantId())).clientId(required("client id", workload.clientId()))
                .tokenFilePath(required("federated token file", workload.federatedTokenFile()))
                .disableInstanceDiscovery().build();
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is empty", "give the Azure AD " + field + " of the identity");
        }
        return value;
    }

    @Override
    public AzureToken token(String scope) {
        AccessToken token;
        try {
            token = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
        } catch (RuntimeException e) {
            throw new AuthenticationException("Azure AD refused a token for " + identity.describe() + " (scope " + scope
                    + "): " + masker.mask(rootMessage(e)),
                    "check the tenant, client id and secret/certificate, and that the identity exists in "
                            + identity.cloud().cliName());
        }
        if (token == null) {
            throw new AuthenticationException("Azure AD returned no token for " + identity.describe() + " (scope " + scope + ")",
                    "check the identity and the authority host");
        }
        dev.slipway.support.Secret value = dev.slipway.support.Secret.of(token.getToken());
        masker.register(value);
        return new AzureToken(value, token.getExpiresAt().toInstant());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // azure-identity messages can run to pages; the first lines say what went wrong
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }
}
