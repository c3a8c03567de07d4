package dev.slipway.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object read from the manifests, as a mutable YAML tree (maps, lists, scalars) so that
 * substitution and annotations change exactly the fields they touch and nothing else.
 *
 * @param source   the file it came from, relative to the workspace (or the kustomize folder it was rendered from)
 * @param document index of the YAML document in that file, 0 for the first
 * @param line     1-based line where the document starts
 * @param body     the object
 */
public record KubeObject(String source, int document, int line, Map<String, Object> body) {

    public String apiVersion() {
        return string(body.get("apiVersion"));
    }

    public String kind() {
        return string(body.get("kind"));
    }

    /** The API group: {@code apps} for {@code apps/v1}, empty for the core group. */
    public String group() {
        String apiVersion = apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String name() {
        return string(metadata().get("name"));
    }

    /** The namespace written in the manifest, or empty. */
    public String namespace() {
        return string(metadata().get("namespace"));
    }

    public void setNamespace(String namespace) {
        metadata().put("namespace", namespace);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        return (Map<String, Object>) body.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> annotations() {
        return (Map<String, Object>) metadata().computeIfAbsent("annotations", k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> labels() {
        return (Map<String, Object>) metadata().computeIfAbsent("labels", k -> new LinkedHashMap<String, Object>());
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped objects: how events and changes name it. */
    public String key() {
        return namespace().isEmpty() ? kind() + "/" + name() : kind() + "/" + namespace() + "/" + name();
    }

    /** Where it was written, for error messages: {@code deploy/web.yaml (document 2, line 14)}. */
    public String origin() {
        return source + " (document " + (document + 1) + ", line " + line + ")";
    }

    /** True for the kinds whose rollout the waiter follows and whose pod templates carry images. */
    public boolean isWorkload() {
        return WORKLOAD_KINDS.contains(kind());
    }

    static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "Pod", "ReplicationController");

    static String string(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A deep copy, so a kept copy is not changed by later edits. */
    public KubeObject copy() {
        return new KubeObject(source, document, line, deepCopy(body));
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new java.util.ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
