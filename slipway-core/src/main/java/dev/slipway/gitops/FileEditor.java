package dev.slipway.gitops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Collects the edits of one file as byte ranges of its text (a scalar replaced, a line inserted or removed),
 * splices them into the source, and re-parses the result to check that exactly the intended values changed.
 */
final class FileEditor {
    /** Values that YAML 1.1 or 1.2 would read as something other than a string when written plain. */
    private static final Pattern NOT_A_PLAIN_STRING = Pattern.compile(
            "(?i)(~|null|true|false|yes|no|y|n|on|off|[-+]?\\.?(inf|nan))"
                    + "|[-+]?([0-9][0-9_]*)?\\.?[0-9_]*([eE][-+]?[0-9]+)?"
                    + "|[-+]?0[xXoObB][0-9a-fA-F_]+"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_./@+-][A-Za-z0-9_./@:+=-]*");
    private static final Object REMOVED = new Object();

    final SourceText source;
    final List<Node> documents;
    private final Map<ScalarNode, Edit> scalarEdits = new IdentityHashMap<>();
    private final List<Edit> edits = new ArrayList<>();
    private final Map<Integer, Map<String, Object>> intended = new TreeMap<>();
    private final Map<Integer, List<FieldUpdate>> fields = new TreeMap<>();

    FileEditor(SourceText source, List<Node> documents) {
        this.source = source;
        this.documents = documents;
    }

    private record Edit(int start, int end, String replacement, int order) {
    }

    boolean hasEdits() {
        return !edits.isEmpty();
    }

    /** Replaces a scalar's value in place, keeping its quoting style. No-op when the value is already right. */
    void replace(int document, ScalarNode node, String path, FieldUpdate.Target target, String newValue) {
        Objects.requireNonNull(newValue, "newValue");
        if (node.getValue().equals(newValue)) {
            return;
        }
        Edit existing = scalarEdits.get(node);
        String rendered;
        int[] range;
        if (existing != null) {
            rendered = existing.replacement();
            range = new int[] {existing.start(), existing.end()};
            if (!rendered.equals(render(node, newValue, YamlTree.line(node)))) {
                throw new ManifestException(source.path, YamlTree.line(node), 0,
                        "two rules want different values for the same field (" + path + ")",
                        "keep one way of setting this image in this file (e.g. a Flux marker or the image rule, not both)");
            }
        } else {
            range = scalarRange(node, path);
            rendered = render(node, newValue, YamlTree.line(node));
            Edit edit = new Edit(range[0], range[1], rendered, edits.size());
            add(edit);
            scalarEdits.put(node, edit);
        }
        record(document, path, new FieldUpdate(path, target, node.getValue(), newValue, YamlTree.line(node)));
    }

    /**
     * Adds {@code key: value} to a mapping, on its own line after {@code after}'s line in the mapping's indentation
     * (block style), or before the closing brace (flow style).
     */
    void insert(int document, MappingNode mapping, NodeTuple after, String key, String value, String path,
            FieldUpdate.Target target) {
        String rendered = plainSafe(value) ? value : doubleQuoted(value);
        Node anchorValue = after.getValueNode();
        int line = YamlTree.line(after.getKeyNode());
        if (anchorValue instanceof ScalarNode scalar
                && (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED)) {
            throw refused(line, "the field before the place to add '" + key + "' is a block scalar", path);
        }
        int valueEnd = source.charIndex(anchorValue.getEndMark().orElseThrow().getIndex());
        String text = source.text;
        if (mapping.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
            add(new Edit(valueEnd, valueEnd, ", " + key + ": " + rendered, edits.size()));
        } else {
            int keyStart = source.charIndex(mapping.getValue().get(0).getKeyNode().getStartMark().orElseThrow().getIndex());
            int column = keyStart - lineStart(keyStart);
            if (!text.substring(lineStart(keyStart), keyStart).replace("-", " ").isBlank()) {
                throw refused(line, "the mapping's first key does not start its line", path);
            }
            String indent = " ".repeat(column);
            int lineEnd = text.indexOf('\n', valueEnd);
            if (lineEnd < 0) {
                // last line of a file without a final newline: keep it without one
                add(new Edit(text.length(), text.length(), source.lineBreakAt(-1) + indent + key + ": " + rendered, edits.size()));
            } else {
                add(new Edit(lineEnd + 1, lineEnd + 1, indent + key + ": " + rendered + source.lineBreakAt(lineEnd), edits.size()));
            }
        }
        record(document, path, new FieldUpdate(path, target, null, value, line));
    }

    /** Removes a {@code key: scalar} line of a block mapping; refuses anything that is not exactly one such line. */
    void remove(int document, MappingNode mapping, NodeTuple tuple, String path, FieldUpdate.Target target) {
        int line = YamlTree.line(tuple.getKeyNode());
        if (mapping.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
            throw refused(line, "removing a field from a flow mapping ({...}) is not supported", path);
        }
        if (mapping.getValue().get(0) == tuple) {
            throw refused(line, "the field to remove is the first of its mapping", path);
        }
        if (!(tuple.getValueNode() instanceof ScalarNode value)) {
            throw refused(line, "the field to remove is not a scalar", path);
        }
        String text = source.text;
        int keyStart = source.charIndex(tuple.getKeyNode().getStartMark().orElseThrow().getIndex());
        int valueEnd = source.charIndex(value.getEndMark().orElseThrow().getIndex());
        int start = lineStart(keyStart);
        if (!text.substring(start, keyStart).isBlank() || text.substring(keyStart, valueEnd).contains("\n")) {
            throw refused(line, "the field to remove does not stand alone on one line", path);
        }
        int lineEnd = text.indexOf('\n', valueEnd);
        String rest = text.substring(valueEnd, lineEnd < 0 ? text.length() : lineEnd).stripTrailing();
        if (!rest.isEmpty() && !rest.strip().startsWith("#")) {
            throw refused(line, "something follows the field on its line", path);
        }
        if (lineEnd >= 0) {
            add(new Edit(start, lineEnd + 1, "", edits.size()));
        } else {
            int previousBreak = start > 0 && start >= 2 && text.charAt(start - 2) == '\r' ? start - 2 : start - 1;
            add(new Edit(Math.max(previousBreak, 0), text.length(), "", edits.size()));
        }
        record(document, path, new FieldUpdate(path, target, value.getValue(), null, line));
    }

    private void add(Edit edit) {
        for (Edit other : edits) {
            boolean overlaps = edit.start() < other.end() && other.start() < edit.end();
            if (overlaps) {
                throw new ManifestException(source.path, SourceText.lineOf(source.text, edit.start()), 0,
                        "two edits overlap", "update this file by hand");
            }
        }
        edits.add(edit);
    }

    private void record(int document, String path, FieldUpdate update) {
        List<FieldUpdate> known = fields.getOrDefault(document, List.of());
        if (known.stream().anyMatch(f -> f.path().equals(path))) {
            return; // the same field reached by two rules with the same value
        }
        intended.computeIfAbsent(document, d -> new LinkedHashMap<>()).put(path, update.newValue() == null ? REMOVED : update.newValue());
        fields.computeIfAbsent(document, d -> new ArrayList<>()).add(update);
    }

    ManifestException refused(int line, String why, String path) {
        return new ManifestException(source.path, line, 0, "refusing to edit " + path + ": " + why,
                "write the field as a plain or quoted scalar on one line (key: value), or update it by hand");
    }

    /** Start and end (char indices) of the scalar's own text: after any anchor or tag, including quotes. */
    private int[] scalarRange(ScalarNode node, String path) {
        int line = YamlTree.line(node);
        ScalarStyle style = node.getScalarStyle();
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            throw refused(line, "the value is a block scalar (| or >)", path);
        }
        String text = source.text;
        int start = source.charIndex(node.getStartMark().orElseThrow().getIndex());
        int end = source.charIndex(node.getEndMark().orElseThrow().getIndex());
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '&' || c == '!') {
                while (i < end && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            } else if (c == '#') {
                while (i < end && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                break;
            }
        }
        String raw = text.substring(i, end);
        boolean located = switch (style) {
            case DOUBLE_QUOTED -> raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
            case SINGLE_QUOTED -> raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'");
            default -> raw.equals(node.getValue());
        };
        if (raw.contains("\n") || raw.contains("\r")) {
            throw refused(line, "the value spans more than one line", path);
        }
        if (!located || raw.isEmpty()) {
            throw refused(line, "the value has no text of its own to replace (empty or written in an unusual form)", path);
        }
        return new int[] {i, end};
    }

    private String render(ScalarNode node, String value, int line) {
        return switch (node.getScalarStyle()) {
            case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
            case DOUBLE_QUOTED -> doubleQuoted(value);
            default -> plainSafe(value) ? value : doubleQuoted(value);
        };
    }

    /** True when {@code value} written plain reads back as this same string in YAML 1.1 and 1.2. */
    static boolean plainSafe(String value) {
        return PLAIN_SAFE.matcher(value).matches() && !NOT_A_PLAIN_STRING.matcher(value).matches();
    }

    static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private int lineStart(int index) {
        return source.text.lastIndexOf('\n', index - 1) + 1;
    }

    /** The text after this line's scalar, up to the end of the line (without the line break). */
    String restOfLine(Node node) {
        String text = source.text;
        int end = source.charIndex(node.getEndMark().orElseThrow().getIndex());
        int lineEnd = text.indexOf('\n', end);
        String rest = text.substring(end, lineEnd < 0 ? text.length() : lineEnd);
        return rest.endsWith("\r") ? rest.substring(0, rest.length() - 1) : rest;
    }

    /** The new text with all edits spliced in. */
    String editedText() {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::order).reversed());
        // equal insertion points must keep the order they were added in, so apply those last-added first
        StringBuilder out = new StringBuilder(source.text);
        for (Edit edit : ordered) {
            out.replace(edit.start(), edit.end(), edit.replacement());
        }
        return out.toString();
    }

    /** Re-parses the edited text and refuses unless exactly the intended fields changed, to the intended values. */
    void verify(String editedText, long maxBytes) {
        List<Node> after = YamlTree.parse(source.path, editedText, maxBytes + 4096);
        if (after.size() != documents.size()) {
            throw verifyFailed(0, "the number of documents changed");
        }
        for (int d = 0; d < documents.size(); d++) {
            Map<String, String> before = YamlTree.flatten(source.path, documents.get(d));
            Map<String, String> now = YamlTree.flatten(source.path, after.get(d));
            Map<String, Object> wanted = intended.getOrDefault(d, Map.of());
            Set<String> paths = new LinkedHashSet<>(before.keySet());
            paths.addAll(now.keySet());
            for (String path : paths) {
                String old = before.get(path);
                String current = now.get(path);
                Object want = wanted.get(path);
                if (want == null) {
                    if (!Objects.equals(old, current)) {
                        throw verifyFailed(d, "field " + path + " would change too, though it is not an image field"
                                + " (is it an alias of the image value?)");
                    }
                } else if (want == REMOVED ? current != null : !("=" + want).equals(current)) {
                    throw verifyFailed(d, "field " + path + " would not have the intended value");
                }
            }
        }
    }

    private ManifestException verifyFailed(int document, String why) {
        return new ManifestException(source.path, 0, 0, "refusing to write document " + document + ": " + why,
                "update this file by hand or write the image without anchors and aliases");
    }

    /** The recorded changes per document, in the order they were found. */
    Map<Integer, List<FieldUpdate>> fields() {
        return fields;
    }
}
