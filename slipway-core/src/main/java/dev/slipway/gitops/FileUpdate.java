package dev.slipway.gitops;

import java.io.Serializable;
import java.util.List;

/**
 * The changes in one file.
 *
 * @param path      relative to the update root, '/' separated
 * @param documents the documents with changes, in file order
 */
public record FileUpdate(String path, List<DocumentUpdate> documents) implements Serializable {
    private static final long serialVersionUID = 1L;

    public FileUpdate {
        documents = List.copyOf(documents);
    }
}
