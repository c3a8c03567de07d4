package dev.slipway.buildtools.hpi;

import dev.slipway.buildtools.jenkinsapi.ClassFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/**
 * Writes {@code META-INF/services/annotations/org.jenkinsci.Symbol} as annotation-indexer's processor would (no current
 * version of it is on Maven Central): UTF-8, one binary class name per line, sorted, for every class annotated
 * {@code @Symbol}. Jenkins (Configuration as Code, Pipeline) reads it to find symbols.
 */
public final class SymbolIndex {

    public static final String SYMBOL = "org.jenkinsci.Symbol";
    public static final String INDEX = "META-INF/services/annotations/" + SYMBOL;
    private static final String SYMBOL_DESCRIPTOR = "L" + SYMBOL.replace('.', '/') + ";";

    private SymbolIndex() {
    }

    /** Writes the index into the classes directory; returns the indexed names (none: no file, as the processor does). */
    public static List<String> write(Path classes) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (ClassNode node : ClassFiles.read(classes)) {
            List<AnnotationNode> annotations = new ArrayList<>();
            if (node.visibleAnnotations != null) {
                annotations.addAll(node.visibleAnnotations);
            }
            if (annotations.stream().anyMatch(a -> a.desc.equals(SYMBOL_DESCRIPTOR))) {
                names.add(node.name.replace('/', '.'));
            }
        }
        Path index = classes.resolve(INDEX);
        if (names.isEmpty()) {
            Files.deleteIfExists(index);
            return List.of();
        }
        Files.createDirectories(index.getParent());
        StringBuilder text = new StringBuilder();
        names.forEach(name -> text.append(name).append('\n'));
        Files.writeString(index, text, StandardCharsets.UTF_8);
        return List.copyOf(names);
    }
}
