package dev.slipway.buildtools.jenkinsapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/** Reads every class file of a directory or jar into ASM trees (with code, without frames). */
public final class ClassFiles {

    private ClassFiles() {
    }

    public static List<ClassNode> read(Path root) {
        try {
            return Files.isDirectory(root) ? readDirectory(root) : readJar(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classes from " + root, e);
        }
    }

    private static List<ClassNode> readDirectory(Path root) throws IOException {
        List<ClassNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    nodes.add(parse(in));
                }
            }
        }
        return nodes;
    }

    private static List<ClassNode> readJar(Path jar) throws IOException {
        List<ClassNode> nodes = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        nodes.add(parse(in));
                    }
                }
            }
        }
        return nodes;
    }

    public static ClassNode parse(InputStream in) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }
}
