package dev.slipway.kube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kubectl's ApplySet (KEP-3659) as prune's record of the set: a parent Secret labelled
 * {@code applyset.kubernetes.io/id}, annotated with the group-kinds and namespaces of its members; each
 * member labelled {@code applyset.kubernetes.io/part-of}. Prune deletes only objects carrying this set's id.
 */
public final class ApplySet {
    public static final String ID_LABEL = "applyset.kubernetes.io/id";
    public static final String PART_OF_LABEL = "applyset.kubernetes.io/part-of";
    public static final String TOOLING = "applyset.kubernetes.io/tooling";
    public static final String GROUP_KINDS = "applyset.kubernetes.io/contains-group-kinds";
    public static final String NAMESPACES = "applyset.kubernetes.io/additional-namespaces";

    private final String name;
    private final String namespace;
    private final String id;

    public ApplySet(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
        this.id = id(name, namespace);
    }

    /** {@code applyset-<base64url(sha256(name.namespace.Secret.))>-v1}, the id format of the KEP for a Secret parent. */
    static String id(String name, String namespace) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((name + "." + namespace + ".Secret.").getBytes(StandardCharsets.UTF_8));
            return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** {@code Deployment.apps}, {@code Service}: how the annotation names a kind. */
    static String groupKind(KubeObject object) {
        return object.group().isEmpty() ? object.kind() : object.kind() + "." + object.group();
    }

    /** The parent Secret listing {@code groupKinds} and {@code namespaces} (sorted, as kubectl writes them). */
    KubeObject parent(Set<String> groupKinds, Set<String> namespaces, String tooling) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("labels", new LinkedHashMap<>(Map.of(ID_LABEL, id)));
        Set<String> others = new TreeSet<>(namespaces);
        others.remove(namespace);
        others.remove("");
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(TOOLING, tooling);
        annotations.put(GROUP_KINDS, String.join(",", new TreeSet<>(groupKinds)));
        annotations.put(NAMESPACES, String.join(",", others));
        metadata.put("annotations", annotations);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "Secret");
        body.put("metadata", metadata);
        body.put("type", "Opaque");
        return new KubeObject("applyset " + name, 0, 1, body);
    }

    static Set<String> split(Object annotation) {
        Set<String> values = new TreeSet<>();
        if (annotation != null) {
            for (String value : annotation.toString().split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }
}
