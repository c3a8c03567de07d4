package dev.slipway.buildtools.jenkinsapi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.tree.ClassNode;

/**
 * The conformance check as the plugin build runs it, on the classpath the plugin was compiled with:
 * {@code --api-dir=<../shared/jenkins-api> --supplement=<file> --classes=<target/classes>} (and {@code --itests=true}
 * for the *ITest classes, which may use the test-harness stand-ins). Exits non-zero and lists
 * every problem with class and member when the plugin would not load or behave the same in a real Jenkins.
 */
public final class ConformanceMain {

    /** Resource every stand-in jar carries, so the check finds the stand-ins on the classpath. */
    public static final String STAND_IN_MARKER = "META-INF/slipway/jenkins-api-standins";

    private ConformanceMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path classes = Path.of(required(options, "classes"));
        RealApi api = readApi(Path.of(required(options, "api-dir")), Path.of(required(options, "supplement")));
        ClassLoader classpath = ConformanceMain.class.getClassLoader();
        List<ClassNode> standIns = new ArrayList<>();
        for (Path root : standInRoots(classpath)) {
            standIns.addAll(ClassFiles.read(root));
        }
        if (standIns.isEmpty()) {
            throw new IllegalStateException("No Jenkins API stand-ins on the classpath (no " + STAND_IN_MARKER + ")");
        }
        boolean itests = Boolean.parseBoolean(options.getOrDefault("itests", "false"));
        List<ClassNode> plugin = ClassFiles.read(classes);
        List<Problem> problems = new ArrayList<>(new ConformanceCheck(api, plugin, classpath, standIns, itests).run());
        if (!itests) {
            problems.addAll(new StandInAudit(api).run(standIns));
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Jenkins API conformance check: ").append(problems.size())
                    .append(" problem(s) in ").append(classes).append(System.lineSeparator());
            Collections.sort(problems);
            problems.forEach(p -> message.append("  ").append(p).append(System.lineSeparator()));
            System.err.print(message);
            System.exit(1);
        }
        System.out.println("Jenkins API conformance check: " + plugin.size() + " plugin classes and " + standIns.size()
                + " stand-ins conform to " + api.files());
    }

    /** signatures.txt (which names the checked packages), signatures-full.txt, then the project's supplement. */
    public static RealApi readApi(Path apiDir, Path supplement) {
        Path curated = apiDir.resolve("signatures.txt");
        Path full = apiDir.resolve("signatures-full.txt");
        if (!Files.isRegularFile(curated) || !Files.isRegularFile(full)) {
            throw new IllegalStateException("The real Jenkins API signatures are not at " + apiDir.toAbsolutePath()
                    .normalize() + " (signatures.txt, signatures-full.txt). The check reads them from ../shared/jenkins-api"
                    + " beside the repository clone, as CI provides it; put that folder there to build the plugin.");
        }
        if (!Files.isRegularFile(supplement)) {
            throw new IllegalStateException("Supplement of real API signatures not found: " + supplement);
        }
        return RealApi.read(curated, full, supplement);
    }

    static List<Path> standInRoots(ClassLoader classpath) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (URL url : Collections.list(classpath.getResources(STAND_IN_MARKER))) {
            String text = url.toString();
            try {
                if (text.startsWith("jar:")) {
                    roots.add(Path.of(new java.net.URI(text.substring(4, text.indexOf("!/")))));
                } else {
                    Path marker = Path.of(url.toURI());
                    roots.add(marker.getParent().getParent().getParent());
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Unexpected stand-in location " + text, e);
            }
        }
        return roots;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing option --" + name + "=...");
        }
        return value;
    }
}
