package dev.slipway.gitops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Parsing with marks, navigation and the flattened view used to check that an edit changed only what it meant to. */
final class YamlTree {
    /** Work per document is bounded so that aliases cannot make a small file expand without limit. */
    static final int MAX_VISITS_PER_DOCUMENT = 1_000_000;
    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_$/-]+");

    private YamlTree() {
    }

    /** All documents of the text, with marks; a parse error names the file, line and column but quotes nothing. */
    static List<Node> parse(String path, String text, long maxBytes) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(path)
                .setUseMarks(true)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes + 16))
                .build();
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : new Compose(settings).composeAllFromString(text)) {
                documents.add(document);
            }
        } catch (MarkedYamlEngineException invalid) {
            Mark mark = invalid.getProblemMark().or(invalid::getContextMark).orElse(null);
            String problem = invalid.getProblem() == null ? "invalid YAML" : invalid.getProblem();
            String context = invalid.getContext() == null ? "" : " (" + invalid.getContext() + ")";
            throw new ManifestException(path, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                    "the YAML does not parse: " + problem + context, "fix the YAML at that position; nothing was written");
        } catch (YamlEngineException invalid) {
            throw new ManifestException(path, 0, 0, "the YAML does not parse: " + firstLine(invalid.getMessage()),
                    "fix the YAML; nothing was written");
        }
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node document : documents) {
            refuseDuplicateKeys(path, document, seen);
        }
        return documents;
    }

    /** snakeyaml-engine's composer keeps duplicate keys; Kubernetes rejects them, and an edit of one would be ambiguous. */
    private static void refuseDuplicateKeys(String path, Node node, Set<Node> seen) {
        if (node == null || node instanceof ScalarNode || !seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Set<String> keys = new java.util.HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !keys.add(key.getValue())) {
                    Mark mark = key.getStartMark().orElse(null);
                    throw new ManifestException(path, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                            "the YAML does not parse: found duplicate key " + key.getValue(),
                            "remove one of the two keys; nothing was written");
                }
                refuseDuplicateKeys(path, tuple.getValueNode(), seen);
            }
        } else {
            for (Node item : items(node)) {
                refuseDuplicateKeys(path, item, seen);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String child(String path, String key) {
        String segment = SIMPLE_KEY.matcher(key).matches() ? key : "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (!SIMPLE_KEY.matcher(key).matches()) {
            return path + "[" + segment + "]";
        }
        return path.isEmpty() ? segment : path + "." + segment;
    }

    /** {@code base} followed by the dot-separated keys of {@code keys}. */
    static String path(String base, String keys) {
        String out = base;
        for (String key : keys.split("\\.")) {
            out = child(out, key);
        }
        return out;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    /** The value under a scalar key, or null. */
    static Node get(Node node, String key) {
        NodeTuple tuple = tuple(node, key);
        return tuple == null ? null : tuple.getValueNode();
    }

    static NodeTuple tuple(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return tuple;
                }
            }
        }
        return null;
    }

    /** The scalar value under a key, or null when absent or not a scalar. */
    static String text(Node node, String key) {
        return get(node, key) instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    static List<Node> items(Node node) {
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of();
    }

    /**
     * Every scalar and collection of a document by field path, aliases expanded. Collections map to a marker
     * so that a change of shape shows as a difference too.
     */
    static Map<String, String> flatten(String file, Node document) {
        Map<String, String> out = new LinkedHashMap<>();
        if (document != null) {
            int[] budget = {MAX_VISITS_PER_DOCUMENT};
            flatten(file, document, "", out, Collections.newSetFromMap(new IdentityHashMap<>()), budget);
        }
        return out;
    }

    private static void flatten(String file, Node node, String path, Map<String, String> out, Set<Node> ancestors, int[] budget) {
        if (--budget[0] < 0) {
            throw tooManyAliases(file, node);
        }
        if (node instanceof ScalarNode scalar) {
            out.put(path, "=" + scalar.getValue());
            return;
        }
        if (!ancestors.add(node)) {
            throw new ManifestException(file, line(node), 0, "an alias refers to a node that contains it (a recursive structure)",
                    "remove the recursive alias; Kubernetes manifests cannot hold one");
        }
        if (node instanceof MappingNode mapping) {
            out.put(path, "{map}");
            int complexKey = 0;
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?complex-key-" + complexKey++;
                flatten(file, tuple.getValueNode(), child(path, key), out, ancestors, budget);
            }
        } else if (node instanceof SequenceNode sequence) {
            out.put(path, "[seq]");
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                flatten(file, items.get(i), index(path, i), out, ancestors, budget);
            }
        }
        ancestors.remove(node);
    }

    static ManifestException tooManyAliases(String file, Node node) {
        return new ManifestException(file, line(node), 0,
                "the document expands to more than " + MAX_VISITS_PER_DOCUMENT + " nodes through aliases",
                "write the manifest without nested aliases");
    }

    /** 1-based line of a node's start. */
    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
