package io.jenkins.plugins.slipway.hpi;

import dev.slipway.buildtools.hpi.HpiPackager.Dependency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** The .hpi this build made (target/slipway.hpi), and the dependency lists it was made from. */
final class BuiltHpi {

    private BuiltHpi() {
    }

    static Path hpi() {
        Path hpi = Path.of(property("slipway.hpi"));
        if (!Files.isRegularFile(hpi)) {
            throw new IllegalStateException(hpi + " is missing: the build packs it in process-classes");
        }
        return hpi;
    }

    static List<Dependency> bundledDependencies() {
        return read(property("slipway.bundledDependencies"));
    }

    static List<Dependency> providedDependencies() {
        return read(property("slipway.providedDependencies"));
    }

    static List<String> entryNames(JarFile jar) {
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            names.add(entries.nextElement().getName());
        }
        return names;
    }

    /** Unpacks every file of the archive below the folder. */
    static void unpack(Path archive, Path folder) throws IOException {
        try (JarFile jar = new JarFile(archive.toFile())) {
            for (String name : entryNames(jar)) {
                Path target = folder.resolve(name).normalize();
                if (!target.startsWith(folder)) {
                    throw new IllegalStateException("Entry escapes the folder: " + name);
                }
                if (name.endsWith("/")) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    private static List<Dependency> read(String listing) {
        try {
            return Dependency.readAll(Path.of(listing));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set (the Maven build sets it)");
        }
        return value;
    }
}
