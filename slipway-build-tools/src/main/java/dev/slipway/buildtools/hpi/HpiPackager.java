package dev.slipway.buildtools.hpi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs a Jenkins plugin the way maven-hpi-plugin does (HpiMojo / AbstractHpiMojo#buildWebapp): the classes and
 * resources go into {@code WEB-INF/lib/<short name>.jar}, bundled runtime dependencies into {@code WEB-INF/lib/}, the
 * same manifest into both, the exploded webapp into {@code target/<short name>/}, and that folder into
 * {@code <short name>.hpi}. There is no {@code WEB-INF/classes}.
 *
 * <p>Options: {@code --classes=} compiled classes and resources; {@code --dependencies=} output of
 * {@code dependency:list -DoutputAbsoluteArtifactFilename} for the runtime scope (what gets bundled); {@code --webapp=}
 * exploded webapp folder to create; {@code --hpi=} archive to write; {@code --plugin-jar=} name of the plugin jar;
 * {@code --attribute=Name=value} main manifest attributes, in order (repeatable).
 */
public final class HpiPackager {

    private static final String MISSING_INDEX_JELLY = "Missing %s. Delete any <description> from pom.xml and create"
            + " src/main/resources/index.jelly: <?jelly escape-by-default='true'?><div>The description here...</div>";

    private HpiPackager() {
    }

    public static void main(String[] args) throws IOException {
        Path classes = null;
        Path dependencies = null;
        Path webapp = null;
        Path hpi = null;
        String pluginJar = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--classes=")) {
                classes = Path.of(value);
            } else if (arg.startsWith("--dependencies=")) {
                dependencies = Path.of(value);
            } else if (arg.startsWith("--webapp=")) {
                webapp = Path.of(value);
            } else if (arg.startsWith("--hpi=")) {
                hpi = Path.of(value);
            } else if (arg.startsWith("--plugin-jar=")) {
                pluginJar = value;
            } else if (arg.startsWith("--attribute=")) {
                int split = value.indexOf('=');
                attributes.put(value.substring(0, split), value.substring(split + 1));
            } else {
                throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (classes == null || dependencies == null || webapp == null || hpi == null || pluginJar == null) {
            throw new IllegalArgumentException("Needs --classes, --dependencies, --webapp, --hpi and --plugin-jar");
        }
        List<String> symbols = SymbolIndex.write(classes);
        Manifest manifest = manifest(attributes);
        List<String> bundled = pack(classes, Dependency.readAll(dependencies), webapp, hpi, pluginJar, manifest);
        System.out.println("Packed " + hpi + ": WEB-INF/lib/" + pluginJar + " + bundled " + bundled + "; @Symbol index "
                + symbols);
    }

    /** Main attributes as given; a -SNAPSHOT Plugin-Version gets maven-hpi-plugin's " (private-...)" suffix. */
    static Manifest manifest(Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> {
            String written = value;
            if (name.equals("Plugin-Version") && value.endsWith("-SNAPSHOT")) {
                written = value + " (private-" + new SimpleDateFormat("MM/dd/yyyy HH:mm").format(new Date()) + "-"
                        + System.getProperty("user.name") + ")";
            }
            main.putValue(name, written);
        });
        return manifest;
    }

    static List<String> pack(Path classes, List<Dependency> dependencies, Path webapp, Path hpi, String pluginJar,
                             Manifest manifest) throws IOException {
        Path indexJelly = classes.resolve("index.jelly");
        if (!Files.isRegularFile(indexJelly)) {
            throw new IllegalStateException(MISSING_INDEX_JELLY.formatted(indexJelly));
        }
        deleteRecursively(webapp);
        Path lib = Files.createDirectories(webapp.resolve("WEB-INF/lib"));
        Path metaInf = Files.createDirectories(webapp.resolve("META-INF"));
        try (OutputStream out = Files.newOutputStream(metaInf.resolve("MANIFEST.MF"))) {
            manifest.write(out);
        }
        jar(classes, lib.resolve(pluginJar), manifest);
        List<String> bundled = new ArrayList<>();
        for (Dependency dependency : dependencies) {
            if (!Set.of("compile", "runtime").contains(dependency.scope()) || dependency.optional()) {
                continue;
            }
            Path target = lib.resolve(dependency.fileName());
            if (Files.isDirectory(dependency.file()) || isEmptyReactorModule(dependency.file())) {
                jar(dependency.file(), target, null); // a reactor module not packaged yet: its classes folder
            } else {
                Files.copy(dependency.file(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            bundled.add(dependency.fileName());
        }
        Files.createDirectories(hpi.toAbsolutePath().getParent());
        jar(webapp, hpi, manifest);
        return bundled;
    }

    /** A module of this build with no classes yet: Maven names its (never created) classes folder. */
    private static boolean isEmptyReactorModule(Path file) {
        return !Files.exists(file) && file.endsWith(Path.of("target", "classes"));
    }

    /** A jar of the folder: the manifest first (when given), then every folder and file in name order. */
    static void jar(Path folder, Path jar, Manifest manifest) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = manifest == null ? new JarOutputStream(Files.newOutputStream(jar))
                : new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> walk = Files.exists(folder) ? Files.walk(folder) : Stream.empty()) {
            for (Path path : walk.sorted().toList()) {
                String name = folder.relativize(path).toString().replace('\\', '/');
                if (name.isEmpty() || name.equals("META-INF/MANIFEST.MF") || (manifest != null && name.equals("META-INF"))) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** One line of {@code dependency:list -DoutputAbsoluteArtifactFilename=true}. */
    public record Dependency(String groupId, String artifactId, String type, String classifier, String version,
                             String scope, boolean optional, Path file) {

        private static final java.util.regex.Pattern ANSI_COLOUR = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m");
        private static final Set<String> SCOPES = Set.of("compile", "runtime", "provided", "system", "test");

        /** The name maven-hpi-plugin gives it in WEB-INF/lib: the artifact's file name. */
        public String fileName() {
            String extension = type.equals("test-jar") ? "jar" : type;
            return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
        }

        public static List<Dependency> readAll(Path listing) throws IOException {
            List<Dependency> all = new ArrayList<>();
            for (String raw : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
                String line = ANSI_COLOUR.matcher(raw).replaceAll("").strip(); // Maven colours the module suffix
                int module = line.indexOf(" -- ");
                if (module >= 0) {
                    line = line.substring(0, module).strip();
                }
                boolean optional = line.endsWith("(optional)");
                if (optional) {
                    line = line.substring(0, line.length() - "(optional)".length()).strip();
                }
                String[] parts = line.split(":");
                int scopeAt = -1;
                for (int i = 3; i < parts.length && i <= 5; i++) {
                    if (SCOPES.contains(parts[i])) {
                        scopeAt = i;
                        break;
                    }
                }
                if (scopeAt < 0 || scopeAt + 1 >= parts.length) {
                    continue; // header, blank or "none"
                }
                String classifier = scopeAt == 5 ? parts[3] : "";
                String version = parts[scopeAt - 1];
                String path = String.join(":", java.util.Arrays.copyOfRange(parts, scopeAt + 1, parts.length));
                all.add(new Dependency(parts[0], parts[1], parts[2], classifier, version, parts[scopeAt], optional,
                        Path.of(path)));
            }
            return all;
        }
    }
}
