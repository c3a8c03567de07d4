package dev.slipway.kube;

import dev.slipway.support.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Reads the manifests of a deploy: files, folders (recursive), globs, multi-document YAML, {@code kind: List},
 * and kustomize folders (rendered with {@code kubectl kustomize}). Every path must stay inside the workspace.
 * The whole set is read before anything is applied, so a bad file stops the deploy with nothing half-done.
 */
public final class ManifestLoader {
    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Pattern OCTAL = Pattern.compile("0[0-7]+");
    private static final Tag OCTAL_TAG = new Tag("tag:slipway.dev,2025:octal");

    private final Path workspace;
    private final String kubectl;

    public ManifestLoader(Path workspace) {
        this(workspace, "kubectl");
    }

    /** {@code kubectl} is the command that renders kustomize folders (a name on the PATH or a path). */
    public ManifestLoader(Path workspace, String kubectl) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.kubectl = kubectl;
    }

    /** Reads every object of {@code specs}, in the order given (files of a folder in name order). */
    public List<KubeObject> load(List<String> specs) {
        if (specs.isEmpty()) {
            throw new InvalidInputException("manifests", "no manifests were given",
                    "give files, folders, globs or kustomize folders inside the workspace, e.g. k8s/");
        }
        List<KubeObject> objects = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (String spec : specs) {
            for (Path path : resolve(spec)) {
                if (seen.add(path)) {
                    objects.addAll(Files.isDirectory(path) ? readFolder(path) : readFile(path));
                }
            }
        }
        return objects;
    }

    private List<Path> resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("manifests", "an entry is empty", "remove the empty entry");
        }
        if (spec.contains("*") || spec.contains("?") || spec.contains("[") || spec.contains("{")) {
            return glob(spec);
        }
        Path path = confine(spec, workspace.resolve(spec).normalize());
        if (!Files.exists(path)) {
            throw new InvalidInputException("manifests", "'" + spec + "' does not exist in the workspace",
                    "check the path; it is resolved against the workspace root");
        }
        return List.of(path);
    }

    private List<Path> glob(String spec) {
        // walk from the longest folder prefix without wildcards, match paths relative to the workspace
        String normalized = spec.replace('\\', '/');
        int firstWildcard = indexOfWildcard(normalized);
        int lastSlash = normalized.lastIndexOf('/', firstWildcard);
        Path base = confine(spec, workspace.resolve(lastSlash < 0 ? "" : normalized.substring(0, lastSlash)).normalize());
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + workspace.resolve(normalized).normalize());
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> walk = Files.walk(base)) {
                walk.filter(matcher::matches).filter(p -> Files.isDirectory(p) || isManifestFile(p)).sorted()
                        .forEach(p -> matches.add(confine(spec, p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException("manifests", "the pattern '" + spec + "' matches no file in the workspace",
                    "check the pattern: '*' stays inside a folder, '**' crosses folders");
        }
        return matches;
    }

    private static int indexOfWildcard(String spec) {
        int index = spec.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = spec.indexOf(c);
            if (i >= 0 && i < index) {
                index = i;
            }
        }
        return index;
    }

    private Path confine(String spec, Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        boolean inside = normalized.startsWith(workspace);
        if (inside && Files.exists(normalized)) {
            try {
                inside = normalized.toRealPath().startsWith(workspace.toRealPath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!inside) {
            throw new InvalidInputException("manifests", "'" + spec + "' is outside the workspace",
                    "keep manifests inside the workspace (no '..' or links that lead out of it)");
        }
        return normalized;
    }

    private List<KubeObject> readFolder(Path folder) {
        if (isKustomization(folder)) {
            return kustomize(folder);
        }
        List<KubeObject> objects = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isDirectory(child)) {
                    if (!child.getFileName().toString().startsWith(".")) {
                        objects.addAll(readFolder(confine(relative(child), child)));
                    }
                } else if (isManifestFile(child)) {
                    objects.addAll(readFile(confine(relative(child), child)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    private static boolean isKustomization(Path folder) {
        return KUSTOMIZATION_FILES.stream().anyMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    private static boolean isManifestFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private String relative(Path path) {
        return workspace.relativize(path).toString().replace('\\', '/');
    }

    private List<KubeObject> readFile(Path file) {
        if (Files.isRegularFile(file) && KUSTOMIZATION_FILES.contains(file.getFileName().toString())) {
            return kustomize(file.getParent());
        }
        try {
            return parse(relative(file), Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ManifestException(relative(file) + " is not UTF-8 text", "save the manifest as UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<KubeObject> kustomize(Path folder) {
        String name = relative(folder).isEmpty() ? "." : relative(folder);
        List<String> command = List.of(kubectl, "kustomize", folder.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException notFound) {
            throw new ManifestException(name + " is a kustomize folder, and rendering it needs 'kubectl' on the PATH,"
                    + " which was not found", "install kubectl on the agent (Debian: apt-get install kubectl), or give"
                    + " the rendered manifests instead of the kustomize folder");
        }
        try {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // kustomize reads no input
            }
            var stderr = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread errReader = new Thread(() -> stderr.complete(readAll(process.getErrorStream())), "kustomize-stderr");
            errReader.setDaemon(true);
            errReader.start();
            byte[] out = readAll(process.getInputStream());
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ManifestException("'kubectl kustomize " + name + "' did not finish in 5 minutes", "check the kustomization");
            }
            String err = new String(stderr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new ManifestException("'kubectl kustomize " + name + "' failed: " + err,
                        "fix the kustomization; run 'kubectl kustomize " + name + "' to see the same error");
            }
            return parse(name + " (kustomize)", new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ManifestException("interrupted while rendering " + name, null);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ManifestException("could not read the errors of 'kubectl kustomize " + name + "'", null);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Parses multi-document YAML (or JSON) into objects; {@code source} names it in errors. */
    public static List<KubeObject> parse(String source, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new KubernetesYamlSchema())
                .setAllowDuplicateKeys(false).setMaxAliasesForCollections(50).build();
        List<Node> nodes = new ArrayList<>();
        try {
            new Compose(settings).composeAllFromString(text).forEach(nodes::add);
        } catch (MarkedYamlEngineException e) {
            throw malformed(source, e);
        } catch (YamlEngineException e) {
            throw new ManifestException(source + " is not valid YAML: " + e.getMessage(), "fix the YAML syntax");
        }
        List<KubeObject> objects = new ArrayList<>();
        StandardConstructor constructor = new StandardConstructor(settings);
        for (int document = 0; document < nodes.size(); document++) {
            Node node = nodes.get(document);
            int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
            Object value;
            try {
                value = constructor.constructSingleDocument(Optional.of(node));
            } catch (MarkedYamlEngineException e) {
                throw malformed(source, e);
            }
            addObjects(source, document, line, value, objects);
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static void addObjects(String source, int document, int line, Object value, List<KubeObject> objects) {
        if (value == null) {
            return; // an empty document, e.g. a trailing '---'
        }
        String where = source + " (document " + (document + 1) + ", line " + line + ")";
        if (!(value instanceof Map<?, ?> map)) {
            throw new ManifestException(where + " is not a Kubernetes object (a mapping with apiVersion, kind and metadata)",
                    "each YAML document must be one object");
        }
        Map<String, Object> body = (Map<String, Object>) KubeObject.deepCopy(map);
        KubeObject object = new KubeObject(source, document, line, body);
        if (object.apiVersion().isEmpty() || object.kind().isEmpty()) {
            throw new ManifestException(where + " has no " + (object.apiVersion().isEmpty() ? "apiVersion" : "kind"),
                    "add apiVersion and kind to the object");
        }
        if (object.kind().endsWith("List") && body.get("items") instanceof List<?> items) {
            for (Object item : items) {
                addObjects(source, document, line, item, objects);
            }
            return;
        }
        if (!(body.get("metadata") instanceof Map<?, ?>) || object.name().isEmpty()) {
            boolean generated = body.get("metadata") instanceof Map<?, ?> m && m.containsKey("generateName");
            throw new ManifestException(where + " (" + object.kind() + ") has no metadata.name"
                    + (generated ? "; generateName cannot be applied idempotently" : ""),
                    "give the object a metadata.name");
        }
        objects.add(object);
    }

    private static ManifestException malformed(String source, MarkedYamlEngineException e) {
        Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
        String position = mark == null ? "" : ", line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        return new ManifestException(source + position + ": " + problem + context,
                "fix the YAML at that position; nothing was applied");
    }

    /**
     * YAML 1.2 core schema as Kubernetes users expect it: a leading-zero integer such as a file mode
     * {@code 0644} is octal, as the API server's YAML 1.1 parser reads it, not decimal 644.
     */
    static final class KubernetesYamlSchema implements Schema {
        private final CoreSchema core = new CoreSchema();

        @Override
        public ScalarResolver getScalarResolver() {
            ScalarResolver coreResolver = core.getScalarResolver();
            return (value, implicit) -> Boolean.TRUE.equals(implicit) && OCTAL.matcher(value).matches()
                    ? OCTAL_TAG : coreResolver.resolve(value, implicit);
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            Map<Tag, ConstructNode> constructors = new LinkedHashMap<>(core.getSchemaTagConstructors());
            constructors.put(OCTAL_TAG, new ConstructNode() {
                @Override
                public Object construct(Node node) {
                    return Integer.parseInt(((ScalarNode) node).getValue().substring(1), 8);
                }
            });
            return constructors;
        }
    }
}
