package dev.slipway.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkClients;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Secret;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * AKS cluster credentials through Azure Resource Manager: {@code listClusterUserCredential} (or
 * {@code listClusterAdminCredential} when asked). For Azure AD-enabled clusters the kubeconfig's user runs
 * the kubelogin exec plugin; Slipway replaces that user with a bearer token for the AKS server application
 * ({@value #AKS_SERVER_APP}) from the same identity, so no kubelogin binary and no file are needed.
 * Source: learn.microsoft.com/rest/api/aks/managed-clusters/list-cluster-user-credentials; Azure/kubelogin
 * docs/book/src/concepts/aks.md (server application id).
 */
public final class AksCredentials {
    public static final String API_VERSION = "2024-09-01";
    /** The AKS Azure AD server application: tokens for the cluster API are issued for it. */
    public static final String AKS_SERVER_APP = "6dae42f8-4368-4678-94ff-3960e28e3630";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String resourceManagerEndpoint;
    private final Function<String, Secret> tokenForScope;

    /**
     * @param resourceManagerEndpoint ARM base URL, e.g. {@link AzureCloud#resourceManagerEndpoint()}
     * @param tokenForScope           an access token of the deploying identity for a scope such as
     *                                {@code https://management.azure.com/.default}
     */
    public AksCredentials(String resourceManagerEndpoint, Function<String, Secret> tokenForScope) {
        this(resourceManagerEndpoint, tokenForScope, NetworkSettings.direct());
    }

    /** As above, reaching ARM through {@code network} (proxy, trust, timeouts). */
    public AksCredentials(String resourceManagerEndpoint, Function<String, Secret> tokenForScope, NetworkSettings network) {
        this.http = NetworkClients.http(network, HttpClient.Redirect.NEVER);
        this.resourceManagerEndpoint = resourceManagerEndpoint.endsWith("/") ? resourceManagerEndpoint
                : resourceManagerEndpoint + "/";
        this.tokenForScope = tokenForScope;
    }

    public AksCredentials(AzureCloud cloud, Function<String, Secret> tokenForScope) {
        this(cloud.resourceManagerEndpoint(), tokenForScope);
    }

    /** The kubeconfig for the cluster, ready for an in-memory client (no exec plugin). */
    public Secret kubeconfig(String subscriptionId, String resourceGroup, String clusterName, boolean admin) {
        require("subscriptionId", subscriptionId);
        require("resourceGroup", resourceGroup);
        require("clusterName", clusterName);
        String action = admin ? "listClusterAdminCredential" : "listClusterUserCredential";
        String url = resourceManagerEndpoint + "subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + clusterName + "/" + action
                + "?api-version=" + API_VERSION;
        Secret armToken = tokenForScope.apply(resourceManagerEndpoint + ".default");
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + armToken.reveal()).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            NetworkClients.proxyRefusal("Azure Resource Manager at " + resourceManagerEndpoint, 0, e).ifPresent(refusal -> {
                throw refusal;
            });
            throw new SlipwayException("could not reach Azure Resource Manager at " + resourceManagerEndpoint + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    "check the network and proxy between this machine and Azure");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted while asking Azure for the cluster credentials", null);
        }
        NetworkClients.proxyRefusal("Azure Resource Manager at " + resourceManagerEndpoint, response.statusCode(), null)
                .ifPresent(refusal -> {
                    throw refusal;
                });
        String where = "AKS cluster '" + clusterName + "' in resource group '" + resourceGroup + "'";
        if (response.statusCode() != 200) {
            String error = armError(response.body());
            switch (response.statusCode()) {
                case 401 -> throw new AuthenticationException("Azure Resource Manager refused the token for " + action
                        + " on " + where + ": " + error, "check the identity's credentials and tenant");
                case 403 -> throw new AuthenticationException("the identity may not call " + action + " on " + where + ": "
                        + error, "grant it the 'Azure Kubernetes Service Cluster " + (admin ? "Admin" : "User")
                        + " Role' on the cluster");
                case 404 -> throw new InvalidInputException("clusterName", where + " was not found: " + error,
                        "check subscription, resource group and cluster name");
                default -> throw new SlipwayException(action + " on " + where + " failed with HTTP " + response.statusCode()
                        + ": " + error, admin ? "admin credentials are refused when local accounts are disabled; use user"
                        + " credentials" : null);
            }
        }
        String kubeconfig;
        try {
            JsonNode kubeconfigs = JSON.readTree(response.body()).path("kubeconfigs");
            kubeconfig = new String(Base64.getDecoder().decode(kubeconfigs.path(0).path("value").asText()),
                    StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new SlipwayException(action + " on " + where + " answered without a kubeconfig", null);
        }
        return Secret.of(withoutExecPlugin(kubeconfig));
    }

    /** Replaces every user that runs an exec plugin (kubelogin) with a token for the AKS server application. */
    @SuppressWarnings("unchecked")
    String withoutExecPlugin(String kubeconfig) {
        Object loaded = new Load(LoadSettings.builder().build()).loadFromString(kubeconfig);
        if (!(loaded instanceof Map<?, ?> root) || !(root.get("users") instanceof List<?> users)) {
            return kubeconfig;
        }
        boolean changed = false;
        for (Object entry : users) {
            if (entry instanceof Map<?, ?> named && named.get("user") instanceof Map<?, ?> user
                    && (user.containsKey("exec") || user.containsKey("auth-provider"))) {
                Map<String, Object> replacement = new LinkedHashMap<>();
                replacement.put("token", tokenForScope.apply(AKS_SERVER_APP + "/.default").reveal());
                ((Map<String, Object>) named).put("user", replacement);
                changed = true;
            }
        }
        return changed ? new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(root)
                : kubeconfig;
    }

    private static String armError(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.path("code").asText("") + ": " + error.path("message").asText("");
        } catch (IOException e) {
            return "(no error details)";
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is empty", "give the AKS cluster's " + field);
        }
    }
}
