package dev.slipway.gitops;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Changes an image everywhere a folder of manifests references it for deployment, and nothing else, down to
 * the byte. {@link #plan} reads and edits every YAML file in memory and checks each result; {@link UpdatePlan#apply}
 * then writes the changed files, each atomically, or nothing when any file failed.
 *
 * <p>Targets: kustomize {@code images:} ({@code newName}/{@code name} matched, {@code newTag} and {@code digest}
 * written), containers, init and ephemeral containers of every pod template, Argo CD Application
 * {@code kustomize.images} and {@code helm.parameters}, Helm values files at configured key paths, and Flux
 * {@code $imagepolicy} markers. Matching is {@link dev.slipway.image.ImageRef#sameImageAs}.
 */
public final class ManifestUpdater {
    private ManifestUpdater() {
    }

    /** Plans and applies: the usual entry point. Writes nothing when anything is refused. */
    public static UpdateResult update(Path root, UpdateSpec spec) {
        return update(root, spec, Events.silent());
    }

    /** Plans and applies, reporting each changed field and each skipped file as an {@link Event.Phase#UPDATE} event. */
    public static UpdateResult update(Path root, UpdateSpec spec, Events events) {
        UpdatePlan plan = plan(root, spec, events);
        plan.apply();
        UpdateResult result = plan.result();
        events.finished(Event.Phase.UPDATE, "manifests", result.upToDate() ? "already up to date"
                : "updated " + result.changedFieldCount() + " field(s) in " + result.files().size() + " file(s)");
        return result;
    }

    /**
     * The update as the Git committer runs it on each attempt's work tree ({@link GitOpsCommitter.WorkTreeUpdate}):
     * paths in {@code spec} are relative to the repository root, and so are the returned changes' locations.
     */
    public static GitOpsCommitter.WorkTreeUpdate forWorkTree(UpdateSpec spec, Events events) {
        return workTree -> update(workTree, spec, events).changes();
    }

    /** Reads, edits in memory and verifies every file below {@code root}; writes nothing. */
    public static UpdatePlan plan(Path root, UpdateSpec spec) {
        return plan(root, spec, Events.silent());
    }

    /** As {@link #plan(Path, UpdateSpec)}, emitting what it found. */
    public static UpdatePlan plan(Path root, UpdateSpec spec, Events events) {
        try {
            UpdatePlan plan = planQuietly(root, spec);
            for (FileUpdate file : plan.result().files()) {
                for (DocumentUpdate document : file.documents()) {
                    for (FieldUpdate field : document.fields()) {
                        events.info(Event.Phase.UPDATE, file.path(), document.describe() + " " + field.describe());
                    }
                }
            }
            for (Notice notice : plan.result().notices()) {
                events.warning(Event.Phase.UPDATE, notice.path(), "skipped: " + notice.message());
            }
            return plan;
        } catch (SlipwayException refused) {
            events.failed(Event.Phase.UPDATE, "manifests", refused.getMessage());
            throw refused;
        }
    }

    private static UpdatePlan planQuietly(Path root, UpdateSpec spec) {
        Path realRoot = realRoot(root);
        List<Notice> notices = new ArrayList<>();
        Map<String, Path> files = collect(realRoot, spec, notices);
        Map<String, FluxPolicyImage> policies = new LinkedHashMap<>();
        spec.fluxPolicies().forEach((policy, image) -> policies.put(policy, FluxPolicyImage.parse(policy, image)));
        Map<HelmValues, Integer> helmMatches = new LinkedHashMap<>();
        spec.helm().forEach(helm -> helmMatches.put(helm, 0));

        List<UpdatePlan.PlannedFile> planned = new ArrayList<>();
        List<FileUpdate> updates = new ArrayList<>();
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            String relative = entry.getKey();
            Path file = entry.getValue();
            byte[] bytes = read(relative, file, spec.maxFileBytes());
            SourceText source = SourceText.decode(relative, bytes);
            List<HelmValues> helm = new ArrayList<>();
            for (HelmValues values : spec.helm()) {
                if (globMatches(values.files(), relative)) {
                    helm.add(values);
                    helmMatches.merge(values, 1, Integer::sum);
                }
            }
            boolean template = source.text.contains("{{");
            if (template && helm.isEmpty() && isUnderTemplates(relative)) {
                notices.add(new Notice(relative, 0, "Helm template (contains {{ }}): skipped; set the image in the chart's values"));
                continue;
            }
            List<Node> documents;
            try {
                documents = YamlTree.parse(relative, source.text, spec.maxFileBytes());
            } catch (ManifestException invalid) {
                if (template && helm.isEmpty()) {
                    notices.add(new Notice(relative, 0, "template (contains {{ }} and is not plain YAML): skipped"));
                    continue;
                }
                throw invalid;
            }
            FileEditor editor = new FileEditor(source, documents);
            new ImageRules(editor, spec, helm, isKustomizationFile(file), policies, notices).apply();
            if (!editor.hasEdits()) {
                continue;
            }
            String edited = editor.editedText();
            editor.verify(edited, spec.maxFileBytes());
            FileUpdate update = new FileUpdate(relative, documentUpdates(documents, editor.fields()));
            updates.add(update);
            planned.add(new UpdatePlan.PlannedFile(file, relative, bytes, source.encode(edited)));
        }
        for (Map.Entry<HelmValues, Integer> match : helmMatches.entrySet()) {
            if (match.getValue() == 0) {
                throw new InvalidInputException("helm.files", "'" + match.getKey().files() + "' matches no YAML file below the root",
                        "give the values file path relative to the repository path, e.g. charts/web/values-prod.yaml");
            }
        }
        UpdateResult result = new UpdateResult(updates, notices);
        return new UpdatePlan(planned, result);
    }

    private static List<DocumentUpdate> documentUpdates(List<Node> documents, Map<Integer, List<FieldUpdate>> fields) {
        List<DocumentUpdate> out = new ArrayList<>();
        for (Map.Entry<Integer, List<FieldUpdate>> entry : fields.entrySet()) {
            Node root = documents.get(entry.getKey());
            List<FieldUpdate> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(java.util.Comparator.comparingInt(FieldUpdate::line));
            out.add(new DocumentUpdate(entry.getKey(), YamlTree.text(root, "kind"),
                    YamlTree.text(YamlTree.get(root, "metadata"), "name"), sorted));
        }
        return out;
    }

    private static Path realRoot(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            throw new InvalidInputException("root", "'" + root + "' is not a directory",
                    "give the folder of manifests (a checked-out GitOps repository)");
        }
        try {
            return root.toRealPath();
        } catch (IOException unreadable) {
            throw new InvalidInputException("root", "'" + root + "' cannot be read: " + unreadable.getMessage(),
                    "check the folder exists and is readable");
        }
    }

    /** The YAML files below the requested paths, by path relative to the root; refuses anything leading out of it. */
    private static Map<String, Path> collect(Path realRoot, UpdateSpec spec, List<Notice> notices) {
        List<String> scopes = spec.paths().isEmpty() ? List.of(".") : spec.paths();
        Map<String, Path> files = new TreeMap<>();
        for (String scope : scopes) {
            Path start = realRoot.resolve(scope).normalize();
            if (!start.startsWith(realRoot)) {
                throw new InvalidInputException("paths", "'" + scope + "' is outside the root",
                        "give a path below the repository root, without '..'");
            }
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("paths", "'" + scope + "' does not exist below the root",
                        "check the path, relative to the repository root");
            }
            Path realStart;
            try {
                realStart = start.toRealPath();
            } catch (IOException unreadable) {
                throw new InvalidInputException("paths", "'" + scope + "' cannot be resolved: " + unreadable.getMessage(), "check the path");
            }
            if (!realStart.startsWith(realRoot)) {
                throw new InvalidInputException("paths", "'" + scope + "' leads outside the root through a symbolic link",
                        "give a path whose folders are inside the repository");
            }
            walk(realRoot, realStart, files, notices);
        }
        return files;
    }

    private static void walk(Path realRoot, Path start, Map<String, Path> files, List<Notice> notices) {
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = relative(realRoot, file);
                    if (attrs.isSymbolicLink()) {
                        symlink(realRoot, file, relative, notices);
                    } else if (attrs.isRegularFile() && isYaml(file)) {
                        files.put(relative, file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException unreadable) {
            throw new SlipwayException("cannot list the manifests: " + unreadable.getMessage(), "check the folder is readable");
        }
    }

    private static void symlink(Path realRoot, Path link, String relative, List<Notice> notices) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException dangling) {
            if (isYaml(link)) {
                notices.add(new Notice(relative, 0, "symbolic link to a missing file: skipped"));
            }
            return;
        }
        if (!target.startsWith(realRoot)) {
            throw new ManifestException(relative, 0, 0, "is a symbolic link that leads outside the root",
                    "replace the link with the file, or remove it; the updater never follows links out of the repository");
        }
        if (isYaml(link) || Files.isDirectory(target)) {
            notices.add(new Notice(relative, 0, "symbolic link inside the repository: skipped (its target is updated where it lives)"));
        }
    }

    private static byte[] read(String relative, Path file, long maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ManifestException(relative, 0, 0, "the file is " + size + " bytes, over the bound of " + maxBytes,
                        "raise maxFileBytes if this really is a manifest, or narrow the paths to update");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > maxBytes) {
                throw new ManifestException(relative, 0, 0, "the file grew over the bound of " + maxBytes + " bytes while read",
                        "retry when nothing else writes to the folder");
            }
            return bytes;
        } catch (IOException unreadable) {
            throw new ManifestException(relative, 0, 0, "cannot be read: " + unreadable.getMessage(), "check the file's permissions");
        }
    }

    static String relative(Path realRoot, Path file) {
        return realRoot.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static boolean isKustomizationFile(Path file) {
        String name = file.getFileName().toString();
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml");
    }

    private static boolean isUnderTemplates(String relative) {
        return ("/" + relative).contains("/templates/");
    }

    static boolean globMatches(String glob, String relative) {
        Path path = Path.of(relative);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        if (matcher.matches(path)) {
            return true;
        }
        // "**/values.yaml" should also match a values.yaml at the root
        return glob.startsWith("**/") && FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)).matches(path);
    }
}
