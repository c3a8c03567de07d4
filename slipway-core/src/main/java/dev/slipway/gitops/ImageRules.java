package dev.slipway.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.FieldUpdate.Target;
import dev.slipway.gitops.GitOpsUpdateRequest.Pin;
import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Finds where one file references the image and asks the {@link FileEditor} for the edits: Flux markers first
 * (a marked field belongs to its marker), then kustomize {@code images:}, workload containers, Argo CD
 * Application overrides and configured Helm values keys.
 */
final class ImageRules {
    private static final Pattern LINE_COMMENT = Pattern.compile("[ \\t]+#(.*)");
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");
    private static final List<HelmValues> ARGO_DEFAULT_KEYS = List.of(
            HelmValues.separateKeys("**", "image", true), HelmValues.wholeReference("**", "image"));

    private final FileEditor editor;
    private final UpdateSpec spec;
    /** The image the container, kustomize, Argo CD and Helm rules are looking for in the current pass. */
    private ImageRef image;
    private final List<HelmValues> helmForFile;
    private final boolean kustomizationFileName;
    private final Map<String, FluxPolicyImage> policies;
    private final List<Notice> notices;
    private final Set<Node> markerOwned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final String file;

    ImageRules(FileEditor editor, UpdateSpec spec, List<HelmValues> helmForFile, boolean kustomizationFileName,
            Map<String, FluxPolicyImage> policies, List<Notice> notices) {
        this.editor = editor;
        this.spec = spec;
        this.helmForFile = helmForFile;
        this.kustomizationFileName = kustomizationFileName;
        this.policies = policies;
        this.notices = notices;
        this.file = editor.source.path;
    }

    void apply() {
        List<Node> documents = editor.documents;
        for (int d = 0; d < documents.size(); d++) {
            Node root = documents.get(d);
            if (root == null) {
                continue;
            }
            markers(d, root, "", Collections.newSetFromMap(new IdentityHashMap<>()), new int[] {YamlTree.MAX_VISITS_PER_DOCUMENT});
            for (ImageRef wanted : spec.images()) {
                image = wanted;
                kustomize(d, root);
                workloads(d, root, "");
                argoCd(d, root);
                for (HelmValues helm : helmForFile) {
                    helmValues(d, root, helm);
                }
            }
        }
    }

    // ---- Flux setter markers: # {"$imagepolicy": "<ns>:<policy>[:name|:tag|:digest]"}

    private void markers(int d, Node node, String path, Set<Node> ancestors, int[] budget) {
        if (--budget[0] < 0) {
            throw YamlTree.tooManyAliases(file, node);
        }
        if (node instanceof ScalarNode scalar) {
            marker(d, scalar, path);
            return;
        }
        if (!ancestors.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    markers(d, tuple.getValueNode(), YamlTree.child(path, key.getValue()), ancestors, budget);
                }
            }
        } else {
            List<Node> items = YamlTree.items(node);
            for (int i = 0; i < items.size(); i++) {
                markers(d, items.get(i), YamlTree.index(path, i), ancestors, budget);
            }
        }
        ancestors.remove(node);
    }

    private void marker(int d, ScalarNode scalar, String path) {
        if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
            return;
        }
        Matcher comment = LINE_COMMENT.matcher(editor.restOfLine(scalar));
        if (!comment.matches()) {
            return;
        }
        String body = comment.group(1).strip();
        if (!body.startsWith("{") || !body.contains("$imagepolicy")) {
            return;
        }
        JsonNode setter;
        try {
            setter = Json.MAPPER.readTree(body).get("$imagepolicy");
        } catch (java.io.IOException notJson) {
            return; // Flux reads the comment as JSON and ignores it when it is not
        }
        if (setter == null || !setter.isTextual()) {
            return;
        }
        markerOwned.add(scalar);
        String reference = setter.asText();
        String policyName = reference;
        String field = "";
        String[] parts = reference.split(":", -1);
        if (parts.length == 3 && List.of("name", "tag", "digest").contains(parts[2])) {
            policyName = parts[0] + ":" + parts[1];
            field = parts[2];
        }
        FluxPolicyImage policy = policies.get(policyName);
        int line = YamlTree.line(scalar);
        if (policy == null) {
            notices.add(new Notice(file, line, "Flux marker for policy " + policyName + ", which was not given: left unchanged"));
            return;
        }
        String value = policy.valueFor(field);
        if (value.isEmpty()) {
            notices.add(new Notice(file, line, "Flux marker " + reference + ": the policy's image has no " + field + ": left unchanged"));
            return;
        }
        editor.replace(d, scalar, path, Target.FLUX_MARKER, value);
    }

    // ---- kustomize images: (kustomization files, and Flux Kustomization spec.images)

    private void kustomize(int d, Node root) {
        String kind = YamlTree.text(root, "kind");
        String apiVersion = String.valueOf(YamlTree.text(root, "apiVersion"));
        Node images = null;
        String path = null;
        if (kustomizationFileName || ("Kustomization".equals(kind) && apiVersion.startsWith("kustomize.config.k8s.io/"))) {
            images = YamlTree.get(root, "images");
            path = "images";
        } else if ("Kustomization".equals(kind) && apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) {
            images = YamlTree.get(YamlTree.get(root, "spec"), "images");
            path = "spec.images";
        }
        List<Node> entries = YamlTree.items(images);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof MappingNode entry) {
                String name = YamlTree.text(entry, "newName") != null ? YamlTree.text(entry, "newName") : YamlTree.text(entry, "name");
                if (name != null && matches(name)) {
                    kustomizeEntry(d, entry, YamlTree.index(path, i));
                }
            }
        }
    }

    private void kustomizeEntry(int d, MappingNode entry, String path) {
        NodeTuple name = YamlTree.tuple(entry, "name");
        NodeTuple newName = YamlTree.tuple(entry, "newName");
        NodeTuple newTag = YamlTree.tuple(entry, "newTag");
        NodeTuple digest = YamlTree.tuple(entry, "digest");
        NodeTuple after = newName != null ? newName : name != null ? name : entry.getValue().get(entry.getValue().size() - 1);
        if (writeTag()) {
            String tag = image.tag().orElseThrow();
            if (newTag == null) {
                editor.insert(d, entry, after, "newTag", tag, YamlTree.child(path, "newTag"), Target.KUSTOMIZE_IMAGES);
            } else {
                editor.replace(d, scalar(newTag, path + ".newTag"), path + ".newTag", Target.KUSTOMIZE_IMAGES, tag);
                after = newTag;
            }
        } else if (spec.pin() == Pin.DIGEST && newTag != null) {
            editor.remove(d, entry, newTag, path + ".newTag", Target.KUSTOMIZE_IMAGES);
        }
        if (writeDigest()) {
            String value = image.digest().orElseThrow().toString();
            if (digest == null) {
                editor.insert(d, entry, after, "digest", value, YamlTree.child(path, "digest"), Target.KUSTOMIZE_IMAGES);
            } else {
                editor.replace(d, scalar(digest, path + ".digest"), path + ".digest", Target.KUSTOMIZE_IMAGES, value);
            }
        } else if (digest != null) {
            // kustomize prefers the digest over the tag: left in place it would keep deploying the old image
            editor.remove(d, entry, digest, path + ".digest", Target.KUSTOMIZE_IMAGES);
        }
    }

    // ---- workloads: containers and initContainers of every pod template

    private void workloads(int d, Node object, String path) {
        String kind = YamlTree.text(object, "kind");
        if (kind == null) {
            return;
        }
        if (kind.endsWith("List")) {
            List<Node> items = YamlTree.items(YamlTree.get(object, "items"));
            for (int i = 0; i < items.size(); i++) {
                workloads(d, items.get(i), YamlTree.index(YamlTree.child(path, "items"), i));
            }
            return;
        }
        Map<String, Node> podSpecs = new LinkedHashMap<>();
        Node spec = YamlTree.get(object, "spec");
        if ("Pod".equals(kind)) {
            podSpecs.put(YamlTree.path(path, "spec"), spec);
        }
        podSpecs.put(YamlTree.path(path, "spec.template.spec"), YamlTree.get(YamlTree.get(spec, "template"), "spec"));
        podSpecs.put(YamlTree.path(path, "spec.jobTemplate.spec.template.spec"),
                YamlTree.get(YamlTree.get(YamlTree.get(YamlTree.get(spec, "jobTemplate"), "spec"), "template"), "spec"));
        podSpecs.put(YamlTree.path(path, "template.spec"), YamlTree.get(YamlTree.get(object, "template"), "spec"));
        for (Map.Entry<String, Node> podSpec : podSpecs.entrySet()) {
            if (podSpec.getValue() == null) {
                continue;
            }
            for (String list : CONTAINER_LISTS) {
                List<Node> containers = YamlTree.items(YamlTree.get(podSpec.getValue(), list));
                for (int i = 0; i < containers.size(); i++) {
                    String imagePath = YamlTree.child(YamlTree.index(YamlTree.child(podSpec.getKey(), list), i), "image");
                    if (YamlTree.get(containers.get(i), "image") instanceof ScalarNode value && !markerOwned.contains(value)
                            && matches(value.getValue())) {
                        editor.replace(d, value, imagePath, Target.WORKLOAD_CONTAINER, newReference(value.getValue()));
                    }
                }
            }
        }
    }

    // ---- Argo CD Application / ApplicationSet overrides

    private void argoCd(int d, Node root) {
        String kind = YamlTree.text(root, "kind");
        String apiVersion = String.valueOf(YamlTree.text(root, "apiVersion"));
        if (!apiVersion.startsWith("argoproj.io/") || !("Application".equals(kind) || "ApplicationSet".equals(kind))) {
            return;
        }
        Node base = YamlTree.get(root, "spec");
        String basePath = "spec";
        if ("ApplicationSet".equals(kind)) {
            base = YamlTree.get(YamlTree.get(base, "template"), "spec");
            basePath = "spec.template.spec";
        }
        Map<String, Node> sources = new LinkedHashMap<>();
        if (YamlTree.get(base, "source") != null) {
            sources.put(basePath + ".source", YamlTree.get(base, "source"));
        }
        List<Node> many = YamlTree.items(YamlTree.get(base, "sources"));
        for (int i = 0; i < many.size(); i++) {
            sources.put(YamlTree.index(basePath + ".sources", i), many.get(i));
        }
        for (Map.Entry<String, Node> source : sources.entrySet()) {
            argoKustomizeImages(d, source.getValue(), source.getKey());
            argoHelmParameters(d, source.getValue(), source.getKey());
        }
    }

    private void argoKustomizeImages(int d, Node source, String path) {
        List<Node> images = YamlTree.items(YamlTree.get(YamlTree.get(source, "kustomize"), "images"));
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) instanceof ScalarNode entry && !markerOwned.contains(entry)) {
                // Argo CD's form is [<original name>=]<name>[:<tag>][@<digest>]; the right side is what gets deployed
                String value = entry.getValue();
                int equals = value.indexOf('=');
                String prefix = equals < 0 ? "" : value.substring(0, equals + 1);
                String reference = value.substring(equals + 1);
                if (matches(reference)) {
                    editor.replace(d, entry, YamlTree.index(path + ".kustomize.images", i), Target.ARGOCD_KUSTOMIZE_IMAGES,
                            prefix + newReference(reference));
                }
            }
        }
    }

    private void argoHelmParameters(int d, Node source, String path) {
        List<Node> parameters = YamlTree.items(YamlTree.get(YamlTree.get(source, "helm"), "parameters"));
        Map<String, ScalarNode> values = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            String name = YamlTree.text(parameters.get(i), "name");
            if (name != null && YamlTree.get(parameters.get(i), "value") instanceof ScalarNode value && !markerOwned.contains(value)) {
                values.put(name, value);
                paths.put(name, YamlTree.index(path + ".helm.parameters", i) + ".value");
            }
        }
        if (values.isEmpty()) {
            return;
        }
        List<HelmValues> keySets = new ArrayList<>(spec.helm());
        keySets.addAll(ARGO_DEFAULT_KEYS);
        for (HelmValues keys : keySets) {
            if (keys.imageKey() != null) {
                ScalarNode whole = values.get(keys.imageKey());
                if (whole != null && matches(whole.getValue())) {
                    editor.replace(d, whole, paths.get(keys.imageKey()), Target.ARGOCD_HELM_PARAMETERS, newReference(whole.getValue()));
                }
                continue;
            }
            ScalarNode repository = values.get(keys.repositoryKey());
            if (repository == null || !matches(repository.getValue())) {
                continue;
            }
            ScalarNode tag = keys.tagKey() == null ? null : values.get(keys.tagKey());
            ScalarNode digest = keys.digestKey() == null ? null : values.get(keys.digestKey());
            if (tag != null && writeTag()) {
                editor.replace(d, tag, paths.get(keys.tagKey()), Target.ARGOCD_HELM_PARAMETERS, image.tag().orElseThrow());
            }
            if (digest != null) {
                String value = writeDigest() ? image.digest().orElseThrow().toString() : "";
                editor.replace(d, digest, paths.get(keys.digestKey()), Target.ARGOCD_HELM_PARAMETERS, value);
            }
            if ((tag == null || !writeTag()) && (digest == null || !writeDigest())) {
                notices.add(new Notice(file, YamlTree.line(repository), "Argo CD Helm parameter " + keys.repositoryKey()
                        + " names the image, but there is no " + (writeDigest() ? keys.digestKey() : keys.tagKey())
                        + " parameter to write: left unchanged"));
            }
        }
    }

    // ---- Helm values files at configured key paths

    private void helmValues(int d, Node root, HelmValues keys) {
        if (keys.imageKey() != null) {
            ScalarNode whole = helmKey(root, keys.imageKey(), "helm.imageKey");
            if (!markerOwned.contains(whole) && matches(whole.getValue())) {
                editor.replace(d, whole, YamlTree.path("", keys.imageKey()), Target.HELM_VALUES, newReference(whole.getValue()));
            }
            return;
        }
        ScalarNode repository = helmKey(root, keys.repositoryKey(), "helm.repositoryKey");
        ScalarNode tag = keys.tagKey() == null ? null : helmKey(root, keys.tagKey(), "helm.tagKey");
        ScalarNode digest = keys.digestKey() == null ? null : helmKey(root, keys.digestKey(), "helm.digestKey");
        if (!matches(repository.getValue())) {
            return;
        }
        boolean wantDigest = writeDigest();
        if ((spec.pin() == Pin.DIGEST || spec.pin() == Pin.BOTH) && digest == null) {
            throw new InvalidInputException("pin", "pin " + spec.pin().name().toLowerCase(java.util.Locale.ROOT) + " needs a Helm digest key, but "
                    + file + " is configured without one", "add digestKey (e.g. image.digest) to the Helm values settings, or use pin tag");
        }
        boolean wrote = false;
        if (tag != null && writeTag() && !markerOwned.contains(tag)) {
            editor.replace(d, tag, YamlTree.path("", keys.tagKey()), Target.HELM_VALUES, image.tag().orElseThrow());
            wrote = true;
        }
        if (digest != null && !markerOwned.contains(digest)) {
            if (wantDigest) {
                editor.replace(d, digest, YamlTree.path("", keys.digestKey()), Target.HELM_VALUES, image.digest().orElseThrow().toString());
                wrote = true;
            } else if (!digest.getValue().isEmpty()) {
                // a chart that renders repo@digest when the digest is set would keep the old image
                editor.replace(d, digest, YamlTree.path("", keys.digestKey()), Target.HELM_VALUES, "");
            }
        }
        if (!wrote) {
            notices.add(new Notice(file, YamlTree.line(repository), "Helm values name the image, but with " + keys
                    + " and this image there is nothing to write: left unchanged"));
        }
    }

    private ScalarNode helmKey(Node root, String keyPath, String field) {
        Node node = root;
        for (String key : keyPath.split("\\.")) {
            node = YamlTree.get(node, key);
            if (node == null) {
                throw new ManifestException(file, 0, 0, "the configured key path '" + keyPath + "' (" + field + ") is missing",
                        "add the key to the values file, or correct " + field + " or helm.files");
            }
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw new ManifestException(file, YamlTree.line(node), 0,
                    "the configured key path '" + keyPath + "' (" + field + ") holds a mapping or list, not a value",
                    "point " + field + " at the key whose value is the repository, tag or digest");
        }
        return scalar;
    }

    // ---- shared

    private ScalarNode scalar(NodeTuple tuple, String path) {
        if (tuple.getValueNode() instanceof ScalarNode scalar) {
            return scalar;
        }
        throw editor.refused(YamlTree.line(tuple.getKeyNode()), "the value is a mapping or list, not a scalar", path);
    }

    private boolean matches(String reference) {
        try {
            return ImageRef.parse(reference).sameImageAs(image);
        } catch (InvalidInputException notAReference) {
            return false;
        }
    }

    private boolean writeTag() {
        if (spec.pin() == Pin.DEFAULT) {
            return image.tag().isPresent();
        }
        return spec.pin() != Pin.DIGEST;
    }

    private boolean writeDigest() {
        if (spec.pin() == Pin.DEFAULT) {
            return image.digest().isPresent();
        }
        return spec.pin() != Pin.TAG;
    }

    /** The new reference with the name written as it was (no normalisation), and the tag/digest the pin asks for. */
    private String newReference(String oldValue) {
        String name = oldValue;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name + (writeTag() ? ":" + image.tag().orElseThrow() : "")
                + (writeDigest() ? "@" + image.digest().orElseThrow() : "");
    }

    /** Made on the first marker found: most manifests have none, and a mapper costs a short run tens of milliseconds. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
