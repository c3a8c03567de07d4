package dev.slipway.kube;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.AuthenticationException;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The requests a deploy makes, over fabric8's HTTP client: GET, server-side apply, list by label, delete.
 * Resource paths come from fabric8's model (built-in kinds), the CRDs of the set being applied, and API
 * discovery, in that order. Errors become typed exceptions that name verb, resource and namespace.
 */
public final class KubeCluster implements AutoCloseable {
    public static final String FIELD_MANAGER = "slipway";
    public static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REQUEST_TIMEOUT_SECONDS = 60;

    private final KubernetesClient client;
    private final String defaultNamespace;
    private final Map<String, ResourceType> crdTypes = new HashMap<>();
    private final Map<String, ResourceType> discovered = new HashMap<>();

    /** Where an object lives in the API: plural resource name and whether it is namespaced. */
    public record ResourceType(String group, String version, String kind, String plural, boolean namespaced) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        /** {@code deployments.apps}, {@code services}: how kubectl names a resource. */
        String qualified() {
            return group.isEmpty() ? plural : plural + "." + group;
        }

        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                    .withPlural(plural).withNamespaced(namespaced).build();
        }
    }

    public KubeCluster(KubernetesClient client, String defaultNamespace) {
        this.client = client;
        this.defaultNamespace = defaultNamespace == null || defaultNamespace.isBlank()
                ? (client.getNamespace() == null ? "default" : client.getNamespace()) : defaultNamespace;
    }

    public KubernetesClient client() {
        return client;
    }

    /** The namespace for objects that name none. */
    public String defaultNamespace() {
        return defaultNamespace;
    }

    /** Makes the custom resources the set defines known before their CRDs exist on the server. */
    @SuppressWarnings("unchecked")
    public void learnCustomResourceDefinitions(List<KubeObject> objects) {
        for (KubeObject object : objects) {
            if (!object.kind().equals("CustomResourceDefinition")) {
                continue;
            }
            Map<String, Object> spec = ImageSubstitution.map(object.body(), "spec");
            Map<String, Object> names = ImageSubstitution.map(spec, "names");
            if (spec == null || names == null || !(spec.get("versions") instanceof List<?> versions)) {
                continue;
            }
            for (Object version : versions) {
                if (version instanceof Map<?, ?> v) {
                    ResourceType type = new ResourceType(KubeObject.string(spec.get("group")), KubeObject.string(v.get("name")),
                            KubeObject.string(names.get("kind")), KubeObject.string(names.get("plural")),
                            !"Cluster".equals(spec.get("scope")));
                    crdTypes.put(type.apiVersion() + "/" + type.kind(), type);
                }
            }
        }
    }

    /** The resource type of {@code apiVersion}/{@code kind}; a clear error when the cluster does not serve it. */
    public ResourceType type(String apiVersion, String kind) {
        String key = apiVersion + "/" + kind;
        Class<? extends KubernetesResource> modelClass = client.getKubernetesSerialization()
                .getRegisteredKubernetesResource(apiVersion, kind);
        if (modelClass != null && io.fabric8.kubernetes.api.model.HasMetadata.class.isAssignableFrom(modelClass)) {
            ResourceDefinitionContext context = ResourceDefinitionContext.fromResourceType(modelClass);
            return new ResourceType(context.getGroup() == null ? "" : context.getGroup(), context.getVersion(),
                    kind, context.getPlural(), context.isNamespaceScoped());
        }
        if (crdTypes.containsKey(key)) {
            return crdTypes.get(key);
        }
        ResourceType found = discovered.get(key);
        if (found == null) {
            found = discover(apiVersion, kind);
            discovered.put(key, found);
        }
        return found;
    }

    private ResourceType discover(String apiVersion, String kind) {
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw translate(e.getCode(), e.getMessage(), "discover", apiVersion, "", "");
        }
        if (resources != null && resources.getResources() != null) {
            for (APIResource resource : resources.getResources()) {
                if (kind.equals(resource.getKind()) && !resource.getName().contains("/")) {
                    int slash = apiVersion.indexOf('/');
                    return new ResourceType(slash < 0 ? "" : apiVersion.substring(0, slash),
                            slash < 0 ? apiVersion : apiVersion.substring(slash + 1), kind, resource.getName(),
                            Boolean.TRUE.equals(resource.getNamespaced()));
                }
            }
        }
        throw new KubeApiException(404, "the cluster does not serve kind " + kind + " in " + apiVersion,
                "check apiVersion and kind; for a custom resource, apply its CustomResourceDefinition first"
                        + " (put it in the same manifests)");
    }

    /** The namespace an object goes to: the override, else its own, else the default; none for cluster-scoped kinds. */
    public String namespaceOf(KubeObject object, String override) {
        ResourceType type = type(object.apiVersion(), object.kind());
        if (!type.namespaced()) {
            return "";
        }
        if (override != null && !override.isBlank()) {
            return override;
        }
        return object.namespace().isEmpty() ? defaultNamespace : object.namespace();
    }

    String path(ResourceType type, String namespace, String name) {
        StringBuilder path = new StringBuilder(type.group().isEmpty() ? "api/" + type.version()
                : "apis/" + type.group() + "/" + type.version());
        if (type.namespaced()) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(type.plural());
        if (name != null) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    /** The live object, or {@code null} when it does not exist. */
    public Map<String, Object> get(ResourceType type, String namespace, String name) {
        HttpResponse<String> response = send(client.getHttpClient().newHttpRequestBuilder()
                .uri(url(path(type, namespace, name), "")).build());
        if (response.code() == 404) {
            return null;
        }
        check(response, "get", type, namespace, name);
        return parse(response.body());
    }

    /** Objects of {@code type} with the labels in {@code labelSelector} ({@code key=value}). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(ResourceType type, String namespace, String labelSelector) {
        HttpResponse<String> response = send(client.getHttpClient().newHttpRequestBuilder()
                .uri(url(path(type, namespace, null), "labelSelector=" + encode(labelSelector))).build());
        check(response, "list", type, namespace, "");
        Object items = parse(response.body()).get("items");
        List<Map<String, Object>> result = new ArrayList<>();
        if (items instanceof List<?> list) {
            list.forEach(item -> result.add((Map<String, Object>) item));
        }
        return result;
    }

    /**
     * Server-side apply: {@code PATCH} with {@code application/apply-patch+yaml}, {@code fieldManager=slipway},
     * {@code force=true} only when asked, {@code dryRun=All} when asked. Returns the object the server answered.
     */
    public Map<String, Object> apply(ResourceType type, String namespace, KubeObject object, boolean force, boolean dryRun) {
        StringBuilder query = new StringBuilder("fieldManager=" + FIELD_MANAGER);
        if (force) {
            query.append("&force=true");
        }
        if (dryRun) {
            query.append("&dryRun=All");
        }
        String body = ObjectDiff.yaml(object.body());
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(url(path(type, namespace, object.name()), query.toString()))
                .method("PATCH", APPLY_PATCH, body).build();
        HttpResponse<String> response = send(request);
        check(response, "patch", type, namespace, object.name());
        return parse(response.body());
    }

    /** Deletes an object (background propagation). A 404 is fine: it is gone already. */
    public void delete(ResourceType type, String namespace, String name) {
        HttpResponse<String> response = send(client.getHttpClient().newHttpRequestBuilder()
                .uri(url(path(type, namespace, name), "propagationPolicy=Background")).delete("application/json", "{}").build());
        if (response.code() != 404) {
            check(response, "delete", type, namespace, name);
        }
    }

    private String url(String path, String query) {
        String master = client.getConfiguration().getMasterUrl();
        return (master.endsWith("/") ? master : master + "/") + path + (query.isEmpty() ? "" : "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpClient http = client.getHttpClient();
        try {
            return http.sendAsync(request, String.class).get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeApiException(0, "interrupted while talking to the cluster", null);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KubeApiException(0, "could not reach the cluster at " + client.getConfiguration().getMasterUrl()
                    + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    "check the server address of the kubeconfig and the network between this agent and the cluster");
        }
    }

    private void check(HttpResponse<String> response, String verb, ResourceType type, String namespace, String name) {
        if (response.isSuccessful()) {
            return;
        }
        String message = response.body();
        try {
            Object statusMessage = parse(response.body()).get("message");
            if (statusMessage != null) {
                message = statusMessage.toString();
            }
        } catch (RuntimeException notAStatus) {
            // keep the raw body
        }
        throw translate(response.code(), message, verb, type.qualified(), namespace, name);
    }

    static RuntimeException translate(int code, String serverMessage, String verb, String resource, String namespace,
            String name) {
        String target = resource + (name == null || name.isEmpty() ? "" : " \"" + name + "\"")
                + (namespace == null || namespace.isEmpty() ? " (cluster-scoped)" : " in namespace \"" + namespace + "\"");
        if (code == 401) {
            return new AuthenticationException("the cluster did not accept the credentials (401 Unauthorized) when asked to "
                    + verb + " " + target,
                    "the kubeconfig's token or client certificate is wrong or expired: get fresh cluster credentials"
                            + " (e.g. a new kubeconfig, or Azure access through listClusterUserCredential)");
        }
        if (code == 403) {
            return new ClusterAccessDeniedException("forbidden: the cluster does not allow '" + verb + "' on " + target
                    + (serverMessage == null ? "" : " (" + serverMessage.trim() + ")"),
                    "grant the deploying identity a Role or ClusterRole with verb '" + verb + "' on '" + resource + "'"
                            + (namespace == null || namespace.isEmpty() ? "" : " in namespace '" + namespace + "'")
                            + "; check with: kubectl auth can-i " + verb + " " + resource
                            + (namespace == null || namespace.isEmpty() ? "" : " -n " + namespace));
        }
        return new KubeApiException(code, "the cluster refused to " + verb + " " + target + ": HTTP " + code
                + (serverMessage == null || serverMessage.isBlank() ? "" : ": " + serverMessage.trim()),
                code == 409 ? "another field manager owns these fields: resolve the conflict, or apply with force to take them over"
                        : code == 422 ? "fix the object in the manifests as the message says" : null);
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new KubeApiException(0, "the cluster answered something that is not JSON", null);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
