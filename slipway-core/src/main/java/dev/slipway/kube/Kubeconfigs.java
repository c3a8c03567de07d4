package dev.slipway.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.azure.AksCredentials;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkSettings;
import dev.slipway.azure.AzureIdentityTokens;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * Builds a fabric8 client from {@link ClusterAccess}. A kubeconfig's content is handed to fabric8 in
 * memory (no file); its token and client certificate are registered with the masker, and an expired
 * token or certificate is refused before the first request, with the date it expired.
 */
public final class Kubeconfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Kubeconfigs() {}

    /** Azure AD access tokens of an identity for a scope (azure-identity in production; tests use a fake). */
    @FunctionalInterface
    public interface AzureTokens {
        Secret token(AzureIdentity identity, String scope);

        /** Tokens from azure-identity, for the identity's cloud; every token is registered with {@code masker}. */
        static AzureTokens azureIdentity(SecretMasker masker) {
            return azureIdentity(masker, NetworkSettings.direct());
        }

        /** As {@link #azureIdentity(SecretMasker)}, reaching Azure AD through {@code network}. */
        static AzureTokens azureIdentity(SecretMasker masker, NetworkSettings network) {
            return (identity, scope) -> AzureIdentityTokens.of(identity, null, masker, network).token(scope).value();
        }
    }

    public static KubernetesClient connect(ClusterAccess access, SecretMasker masker, Instant now) {
        return connect(access, masker, now, NetworkSettings.direct());
    }

    /** A client reaching ARM, Azure AD and the cluster through {@code network}. */
    public static KubernetesClient connect(ClusterAccess access, SecretMasker masker, Instant now, NetworkSettings network) {
        return connect(access, masker, now, AzureTokens.azureIdentity(masker, network), null, network);
    }

    /**
     * @param tokens                  Azure AD tokens for {@link ClusterAccess.Aks}
     * @param resourceManagerEndpoint ARM endpoint; {@code null} for the identity's cloud
     */
    public static KubernetesClient connect(ClusterAccess access, SecretMasker masker, Instant now, AzureTokens tokens,
            String resourceManagerEndpoint) {
        return connect(access, masker, now, tokens, resourceManagerEndpoint, NetworkSettings.direct());
    }

    /** As above, reaching ARM and the cluster through {@code network}. */
    public static KubernetesClient connect(ClusterAccess access, SecretMasker masker, Instant now, AzureTokens tokens,
            String resourceManagerEndpoint, NetworkSettings network) {
        if (access instanceof ClusterAccess.Kubeconfig kubeconfig) {
            return connect(kubeconfig, masker, now, network);
        }
        ClusterAccess.Aks aks = (ClusterAccess.Aks) access;
        if (aks.identity() == null) {
            throw new InvalidInputException("identity", "no Azure identity was given for the AKS cluster",
                    "give the Azure credentials that may call listClusterUserCredential on the cluster");
        }
        String endpoint = resourceManagerEndpoint != null ? resourceManagerEndpoint
                : aks.identity().cloud().resourceManagerEndpoint();
        AksCredentials credentials = new AksCredentials(endpoint, scope -> {
            Secret token = tokens.token(aks.identity(), scope);
            masker.register(token);
            return token;
        }, network);
        Secret kubeconfig = credentials.kubeconfig(aks.subscriptionId(), aks.resourceGroup(), aks.clusterName(), aks.admin());
        return connect(new ClusterAccess.Kubeconfig(kubeconfig, null), masker, now, network);
    }

    static KubernetesClient connect(ClusterAccess.Kubeconfig kubeconfig, SecretMasker masker, Instant now) {
        return connect(kubeconfig, masker, now, NetworkSettings.direct());
    }

    static KubernetesClient connect(ClusterAccess.Kubeconfig kubeconfig, SecretMasker masker, Instant now,
            NetworkSettings network) {
        if (kubeconfig.content() == null || kubeconfig.content().isEmpty()) {
            throw new InvalidInputException("kubeconfig", "the kubeconfig is empty",
                    "give a kubeconfig file (or a Jenkins secret file credential holding one)");
        }
        masker.register(kubeconfig.content());
        Config config;
        try {
            config = Config.fromKubeconfig(blankToNull(kubeconfig.context()), kubeconfig.content().reveal(), null);
        } catch (RuntimeException e) {
            // fabric8's messages may quote the file; never pass them on
            throw new InvalidInputException("kubeconfig", "the kubeconfig cannot be read"
                    + (kubeconfig.context() == null ? "" : " or has no context '" + kubeconfig.context() + "'"),
                    "check that it is a kubeconfig (YAML with clusters, users and contexts) and that the context exists");
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new InvalidInputException("kubeconfig", "the kubeconfig's context names no cluster server",
                    "choose a context whose cluster has a server URL");
        }
        for (String token : new String[] {config.getOauthToken(), config.getAutoOAuthToken()}) {
            if (token != null && !token.isBlank()) {
                masker.register(dev.slipway.support.Secret.of(token));
                checkToken(token, now);
            }
        }
        if (config.getClientCertData() != null) {
            checkCertificate(config.getClientCertData(), now);
        }
        applyNetwork(config, network);
        // the okhttp factory named here, not found through ServiceLoader (the Jenkins remote class loader)
        return new KubernetesClientBuilder().withHttpClientFactory(new OkHttpClientFactory()).withConfig(config).build();
    }

    /**
     * The proxy (decided here, with the engine's no-proxy rule, for the cluster's host), its credentials, the
     * extra CAs (added to the cluster's own CA; fabric8 starts from the JDK's trust store either way) and the connect
     * timeout (request timeouts stay fabric8's).
     */
    static void applyNetwork(Config config, NetworkSettings network) {
        String host = java.net.URI.create(config.getMasterUrl()).getHost();
        String proxy = network.proxyFor(host).map(hostPort -> "http://" + hostPort).orElse(null);
        config.setHttpProxy(proxy);
        config.setHttpsProxy(proxy);
        config.setNoProxy(new String[0]);
        config.setProxyUsername(proxy == null ? null : network.proxyUser());
        config.setProxyPassword(proxy == null || network.proxyPassword() == null ? null : network.proxyPassword().reveal());
        if (network.extraCaPem() != null) {
            String clusterCa = config.getCaCertData() == null ? ""
                    : new String(Base64.getDecoder().decode(config.getCaCertData().trim()), StandardCharsets.UTF_8) + "\n";
            config.setCaCertData(Base64.getEncoder().encodeToString((clusterCa + network.extraCaPem())
                    .getBytes(StandardCharsets.UTF_8)));
        }
        config.setConnectionTimeout((int) network.connectTimeout().toMillis());
    }

    /** A JWT bearer token (AKS Azure AD, service-account tokens) whose {@code exp} has passed is refused here. */
    static void checkToken(String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return; // not a JWT: the server decides
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims.has("exp") && claims.get("exp").canConvertToLong()) {
                Instant expiry = Instant.ofEpochSecond(claims.get("exp").asLong());
                if (!expiry.isAfter(now)) {
                    throw new AuthenticationException("the kubeconfig's token expired at " + expiry,
                            "get fresh cluster credentials (a new kubeconfig, or Azure access through listClusterUserCredential)");
                }
            }
        } catch (java.io.IOException | IllegalArgumentException notJson) {
            // not a JWT after all
        }
    }

    static void checkCertificate(String base64Pem, Instant now) {
        try {
            byte[] pem = Base64.getDecoder().decode(base64Pem.trim());
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            if (certificate.getNotAfter().toInstant().isBefore(now)) {
                throw new AuthenticationException("the kubeconfig's client certificate expired at "
                        + certificate.getNotAfter().toInstant(), "get fresh cluster credentials with a new client certificate");
            }
        } catch (CertificateException | IllegalArgumentException unreadable) {
            // fabric8 reports unreadable certificates when it connects
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
