package dev.slipway.testsupport.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD dispatcher, plus: every request is recorded, and server-side apply (which the mock
 * lacks) is emulated as described on {@link KubeServer}.
 */
final class RecordingCrudDispatcher extends KubernetesCrudDispatcher {
    private final List<KubeRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

    /** Requests with this method whose path starts with this prefix are answered with a Status of this code. */
    record Refusal(String method, String pathPrefix, int code, String reason, String message) { }

    void refuse(Refusal refusal) {
        refusals.add(refusal);
    }
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    RecordingCrudDispatcher(List<CustomResourceDefinitionContext> customResources) {
        super(customResources);
    }

    List<KubeRequest> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String fullPath = request.getPath();
        int q = fullPath.indexOf('?');
        String path = q < 0 ? fullPath : fullPath.substring(0, q);
        String query = q < 0 ? "" : fullPath.substring(q + 1);
        String contentType = request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type");
        // reading a body consumes it, so the request is passed on with a fresh copy
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
        KubeRequest recorded = new KubeRequest(request.getMethod(), path, query, contentType,
                new String(body, StandardCharsets.UTF_8));
        requests.add(recorded);
        for (Refusal refusal : refusals) {
            if (refusal.method().equals(recorded.method()) && recorded.path().startsWith(refusal.pathPrefix())) {
                return status(refusal.code(), refusal.reason(), refusal.message());
            }
        }
        if (recorded.isServerSideApply()) {
            return serverSideApply(recorded);
        }
        return super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), fullPath,
                request.getHeaders(), new Buffer(body)));
    }

    private MockResponse serverSideApply(KubeRequest request) {
        if (request.queryParameter("fieldManager") == null || request.queryParameter("fieldManager").isEmpty()) {
            // the API server: "PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch"
            return status(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                    + "is required for apply patch");
        }
        GenericKubernetesResource applied;
        try {
            applied = serialization.unmarshal(request.body(), GenericKubernetesResource.class);
        } catch (RuntimeException e) {
            return status(400, "BadRequest", "error decoding YAML: " + e.getMessage());
        }
        String[] segments = request.path().split("/");
        String nameInPath = segments[segments.length - 1];
        if (applied == null || applied.getMetadata() == null || !nameInPath.equals(applied.getMetadata().getName())) {
            return status(400, "BadRequest", "the name of the object ("
                    + (applied == null || applied.getMetadata() == null ? "" : applied.getMetadata().getName())
                    + ") does not match the name on the URL (" + nameInPath + ")");
        }
        MockResponse current = handleGet(request.path());
        if ("All".equals(request.queryParameter("dryRun"))) {
            // a dry run is validated and answered, never stored
            if (current.code() == 200) {
                GenericKubernetesResource stored = serialization.unmarshal(current.getBody().readUtf8(),
                        GenericKubernetesResource.class);
                applied.getMetadata().setUid(stored.getMetadata().getUid());
                applied.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
            }
            return new MockResponse().setResponseCode(current.code() == 200 ? 200 : 201)
                    .setHeader("Content-Type", "application/json").setBody(serialization.asJson(applied));
        }
        if (current.code() == 200) {
            // one field manager owns everything it applies: the applied object replaces the stored one.
            // Status is not applied (built-in workloads and most CRDs have a status subresource).
            GenericKubernetesResource stored = serialization.unmarshal(current.getBody().readUtf8(),
                    GenericKubernetesResource.class);
            applied.getAdditionalProperties().remove("status");
            if (stored.getAdditionalProperties().get("status") != null) {
                applied.setAdditionalProperty("status", stored.getAdditionalProperties().get("status"));
            }
            return super.dispatch(synthetic(HttpMethod.PUT, request.path(), "application/json", serialization.asJson(applied)));
        }
        String json = serialization.asJson(applied);
        String collection = request.path().substring(0, request.path().lastIndexOf('/'));
        return super.dispatch(synthetic(HttpMethod.POST, collection, "application/json", json));
    }

    private static RecordedRequest synthetic(HttpMethod method, String path, String contentType, String body) {
        Headers headers = Headers.builder().add("Content-Type", contentType).build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer().writeUtf8(body));
    }

    private static MockResponse status(int code, String reason, String message) {
        String json = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + quote(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(json);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
