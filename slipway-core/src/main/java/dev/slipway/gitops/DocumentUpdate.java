package dev.slipway.gitops;

import java.io.Serializable;
import java.util.List;

/**
 * The changes in one YAML document of a file.
 *
 * @param index  0-based position of the document in its file
 * @param kind   the document's {@code kind}, or null when it has none (a values file)
 * @param name   its {@code metadata.name}, or null
 * @param fields the changed fields in file order
 */
public record DocumentUpdate(int index, String kind, String name, List<FieldUpdate> fields) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DocumentUpdate {
        fields = List.copyOf(fields);
    }

    public String describe() {
        String label = kind == null && name == null ? "document " + index
                : (kind == null ? "" : kind) + (name == null ? "" : (kind == null ? "" : "/") + name);
        return label;
    }
}
