package dev.slipway.testsupport.fakes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Fake of Azure Resource Manager for AKS credentials: {@code POST .../managedClusters/{name}/listClusterUserCredential}
 * and {@code listClusterAdminCredential}, answering {@code {"kubeconfigs":[{"name","value"(base64)}]}}.
 * Sources: https://learn.microsoft.com/en-us/rest/api/aks/managed-clusters/list-cluster-user-credentials
 * and .../list-cluster-admin-credentials (example response {"kubeconfigs":[{"name":"credentialName1",
 * "value":"Y3JlZGVudGlhbFZhbHVlMQ=="}]}); ARM error shapes from
 * https://learn.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/common-deployment-errors.
 * Checks, in order: a bearer token (401 AuthenticationFailed), its audience is ARM (401
 * InvalidAuthenticationTokenAudience), not expired (401 ExpiredAuthenticationToken), the api-version
 * query parameter (400 MissingApiVersionParameter), the cluster exists (404 ResourceNotFound), and for
 * admin credentials that local accounts are enabled (400 BadRequest).
 */
public final class ArmFake extends FakeHttpServer {
    private static final Set<String> ARM_AUDIENCES = Set.of("https://management.azure.com", "https://management.azure.com/",
            "https://management.core.windows.net", "https://management.core.windows.net/");

    private record Cluster(String kubeconfig, boolean localAccountsDisabled) {}

    private final Map<String, Cluster> clusters = new ConcurrentHashMap<>();

    public ArmFake() {
        super("ARM");
        String cluster = "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.ContainerService/managedClusters/([^/]+)";
        route("POST", cluster + "/listClusterUserCredential", (request, path) -> credentials(request, path, "clusterUser"));
        route("POST", cluster + "/listClusterAdminCredential", (request, path) -> credentials(request, path, "clusterAdmin"));
    }

    /** Registers an AKS cluster whose credentials are {@code kubeconfig} (YAML text). */
    public ArmFake cluster(String subscription, String resourceGroup, String name, String kubeconfig) {
        clusters.put(key(subscription, resourceGroup, name), new Cluster(kubeconfig, false));
        return this;
    }

    /** Registers a cluster with {@code properties.disableLocalAccounts=true}: admin credentials are refused. */
    public ArmFake clusterWithoutLocalAccounts(String subscription, String resourceGroup, String name, String kubeconfig) {
        clusters.put(key(subscription, resourceGroup, name), new Cluster(kubeconfig, true));
        return this;
    }

    /** The path of a cluster's credential action, e.g. for {@code listClusterUserCredential}. */
    public static String credentialPath(String subscription, String resourceGroup, String name, String action) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + name + "/" + action;
    }

    private FakeResponse credentials(FakeRequest request, Matcher path, String credentialName) {
        String token = request.bearerToken();
        if (token == null) {
            return error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        Map<String, Object> claims = FakeJwt.claims(token);
        if (claims == null) {
            return error(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
        if (!ARM_AUDIENCES.contains(String.valueOf(claims.get("aud")))) {
            return error(401, "InvalidAuthenticationTokenAudience", "The access token has been obtained for wrong audience or resource '"
                    + claims.get("aud") + "'. It should exactly match with one of the allowed audiences "
                    + "'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.");
        }
        if (claims.get("exp") instanceof Number exp && exp.longValue() < Instant.now().getEpochSecond()) {
            return error(401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time.");
        }
        if (request.queryParameter("api-version") == null || request.queryParameter("api-version").isBlank()) {
            return error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }
        Cluster cluster = clusters.get(key(path.group(1), path.group(2), path.group(3)));
        if (cluster == null) {
            return error(404, "ResourceNotFound", "The Resource 'Microsoft.ContainerService/managedClusters/" + path.group(3)
                    + "' under resource group '" + path.group(2) + "' was not found.");
        }
        if ("clusterAdmin".equals(credentialName) && cluster.localAccountsDisabled()) {
            return error(400, "BadRequest", "Getting static credential is not allowed because this cluster is set to disable local accounts.");
        }
        String value = Base64.getEncoder().encodeToString(cluster.kubeconfig().getBytes(StandardCharsets.UTF_8));
        return FakeResponse.json(200, Map.of("kubeconfigs", List.of(Map.of("name", credentialName, "value", value))));
    }

    private static String key(String subscription, String resourceGroup, String name) {
        // ARM resource ids are case-insensitive
        return (subscription + "/" + resourceGroup + "/" + name).toLowerCase(java.util.Locale.ROOT);
    }

    private static FakeResponse error(int status, String code, String message) {
        return FakeResponse.json(status, Map.of("error", Map.of("code", code, "message", message)));
    }
}
