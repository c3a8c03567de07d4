package dev.slipway.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The plan's per-object diff, computed on the client: the live object is cut down to the fields the
 * manifest sets (what this apply would own), both are written as YAML, and the lines compared. Fields
 * other managers own and server-filled defaults therefore do not show up as changes.
 */
public final class ObjectDiff {
    private static final List<String> SERVER_METADATA = List.of("managedFields", "resourceVersion", "uid",
            "creationTimestamp", "generation", "selfLink");

    private ObjectDiff() {}

    /** A unified-style diff ({@code -} live, {@code +} desired), empty when nothing would change. */
    public static String diff(Map<String, Object> liveObject, Map<String, Object> desiredObject) {
        Map<String, Object> live = redacted(liveObject);
        Map<String, Object> wanted = withoutServerFields(redacted(desiredObject));
        if (live == null) {
            return prefixed(yaml(wanted), "+ ");
        }
        Object projected = project(withoutServerFields(live), wanted);
        String before = yaml(projected);
        String after = yaml(wanted);
        return before.equals(after) ? "" : lineDiff(before.split("\n"), after.split("\n"));
    }

    /** The part of {@code live} at the paths {@code desired} sets. Lists are compared whole, item by item. */
    @SuppressWarnings("unchecked")
    static Object project(Object live, Object desired) {
        if (desired instanceof Map<?, ?> desiredMap && live instanceof Map<?, ?> liveMap) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : desiredMap.entrySet()) {
                if (liveMap.containsKey(entry.getKey())) {
                    result.put(String.valueOf(entry.getKey()), project(liveMap.get(entry.getKey()), entry.getValue()));
                }
            }
            return result;
        }
        if (desired instanceof List<?> desiredList && live instanceof List<?> liveList) {
            List<Object> result = new ArrayList<>();
            for (int i = 0; i < liveList.size(); i++) {
                result.add(i < desiredList.size() ? project(liveList.get(i), desiredList.get(i)) : liveList.get(i));
            }
            return result;
        }
        if (desired != null && live != null && !(live instanceof Map) && !(live instanceof List)
                && !Objects.equals(live, desired) && Objects.equals(String.valueOf(live), String.valueOf(desired))
                && (live instanceof Number || desired instanceof Number)) {
            return desired; // 1 and 1.0, or a quantity the server normalised the same way
        }
        return live;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutServerFields(Map<String, Object> object) {
        Map<String, Object> copy = KubeObject.deepCopy(object);
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> metadata) {
            SERVER_METADATA.forEach(((Map<String, Object>) metadata)::remove);
        }
        return copy;
    }

    /**
     * A Secret's values never reach a plan: each is replaced by a short hash of itself, so a changed value
     * still shows as a changed line, but the line does not hold the value.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> redacted(Map<String, Object> object) {
        if (object == null || !"Secret".equals(object.get("kind"))) {
            return object;
        }
        Map<String, Object> copy = KubeObject.deepCopy(object);
        for (String field : List.of("data", "stringData")) {
            if (copy.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> hidden = new LinkedHashMap<>();
                values.forEach((key, value) -> hidden.put(String.valueOf(key), "(secret, sha256 " + shortHash(
                        "stringData".equals(field) ? java.util.Base64.getEncoder().encodeToString(String.valueOf(value)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) : String.valueOf(value)) + ")"));
                copy.put(field, hidden);
            }
        }
        return copy;
    }

    private static String shortHash(String value) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * YAML for the apply body and the plan. Strings that a YAML 1.1 reader (the API server's) would take for a
     * boolean or an octal number ({@code yes}, {@code on}, {@code 0644}) are quoted, so they stay strings.
     */
    static String yaml(Object value) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(0).setSchema(new Yaml11SafeSchema()).build();
        return new Dump(settings).dumpToString(value);
    }

    private static String prefixed(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append(prefix).append(line).append('\n');
        }
        return out.toString();
    }

    /** A line diff by longest common subsequence; fine for the size of one object. */
    static String lineDiff(String[] before, String[] after) {
        int[][] lcs = new int[before.length + 1][after.length + 1];
        for (int i = before.length - 1; i >= 0; i--) {
            for (int j = after.length - 1; j >= 0; j--) {
                lcs[i][j] = before[i].equals(after[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < before.length || j < after.length) {
            if (i < before.length && j < after.length && before[i].equals(after[j])) {
                out.append("  ").append(before[i]).append('\n');
                i++;
                j++;
            } else if (i < before.length && (j == after.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.append("- ").append(before[i++]).append('\n');
            } else {
                out.append("+ ").append(after[j++]).append('\n');
            }
        }
        return out.toString();
    }

    static final class Yaml11SafeSchema implements org.snakeyaml.engine.v2.schema.Schema {
        private static final java.util.regex.Pattern YAML11_BOOL = java.util.regex.Pattern.compile(
                "y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF");
        private static final java.util.regex.Pattern YAML11_OCTAL = java.util.regex.Pattern.compile("[-+]?0[0-7_]+");
        private final org.snakeyaml.engine.v2.schema.CoreSchema core = new org.snakeyaml.engine.v2.schema.CoreSchema();

        @Override
        public org.snakeyaml.engine.v2.resolver.ScalarResolver getScalarResolver() {
            org.snakeyaml.engine.v2.resolver.ScalarResolver coreResolver = core.getScalarResolver();
            // only a plain scalar is read as a bool or an int; a quoted one stays a string
            return (text, implicit) -> !Boolean.TRUE.equals(implicit) ? coreResolver.resolve(text, implicit)
                    : YAML11_BOOL.matcher(text).matches() ? org.snakeyaml.engine.v2.nodes.Tag.BOOL
                    : YAML11_OCTAL.matcher(text).matches() ? org.snakeyaml.engine.v2.nodes.Tag.INT
                    : coreResolver.resolve(text, implicit);
        }

        @Override
        public Map<org.snakeyaml.engine.v2.nodes.Tag, org.snakeyaml.engine.v2.api.ConstructNode> getSchemaTagConstructors() {
            return core.getSchemaTagConstructors();
        }
    }
}
