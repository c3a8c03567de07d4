package dev.slipway.kube;

import dev.slipway.delivery.Change;
import dev.slipway.image.ImageRef;
import dev.slipway.image.InvalidImageReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces container images with the pushed ones, by the shared matching rule ({@link ImageRef#sameImageAs}):
 * containers, initContainers and ephemeralContainers of every workload kind (Pod, Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) and of any other object with a
 * {@code spec.template.spec} pod template (custom workloads such as Argo Rollouts).
 */
public final class ImageSubstitution {
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    private ImageSubstitution() {}

    /**
     * @param changes        every image field changed (object key, field, old, new)
     * @param changedObjects keys of the objects that changed
     * @param unmatched      given images that matched no container (each worth a warning)
     */
    public record Result(List<Change> changes, Set<String> changedObjects, List<ImageRef> unmatched) { }

    /** Substitutes in place: the objects' bodies are changed. */
    public static Result apply(List<KubeObject> objects, List<ImageRef> images) {
        List<Change> changes = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        Set<ImageRef> used = new LinkedHashSet<>();
        for (KubeObject object : objects) {
            for (PodSpecAt podSpec : podSpecs(object)) {
                for (String listName : CONTAINER_LISTS) {
                    if (!(podSpec.spec().get(listName) instanceof List<?> containers)) {
                        continue;
                    }
                    for (Object item : containers) {
                        if (!(item instanceof Map<?, ?> raw)) {
                            continue;
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> container = (Map<String, Object>) raw;
                        String current = KubeObject.string(container.get("image"));
                        ImageRef currentRef = parseOrNull(current);
                        if (currentRef == null) {
                            continue; // a placeholder such as ${IMAGE} is not an image we can match
                        }
                        for (ImageRef image : images) {
                            if (image.sameImageAs(currentRef)) {
                                used.add(image);
                                String replacement = image.reference();
                                if (!replacement.equals(current)) {
                                    container.put("image", replacement);
                                    changes.add(new Change(object.key(), 0, podSpec.path() + "." + listName + "["
                                            + KubeObject.string(container.get("name")) + "].image", current, replacement));
                                    changed.add(object.key());
                                }
                                break;
                            }
                        }
                    }
                }
            }
        }
        List<ImageRef> unmatched = images.stream().filter(image -> !used.contains(image)).toList();
        return new Result(List.copyOf(changes), Set.copyOf(changed), unmatched);
    }

    private static ImageRef parseOrNull(String image) {
        if (image.isEmpty()) {
            return null;
        }
        try {
            return ImageRef.parse(image);
        } catch (InvalidImageReferenceException notAnImage) {
            return null;
        }
    }

    /** A pod spec inside an object, with its field path. */
    record PodSpecAt(String path, Map<String, Object> spec) { }

    /** The pod specs of an object: {@code spec} of a Pod, the job template's of a CronJob, else the pod template's. */
    static List<PodSpecAt> podSpecs(KubeObject object) {
        Map<String, Object> body = object.body();
        return switch (object.kind()) {
            case "Pod" -> at("spec", map(body, "spec"));
            case "CronJob" -> at("spec.jobTemplate.spec.template.spec",
                    map(map(map(map(map(body, "spec"), "jobTemplate"), "spec"), "template"), "spec"));
            default -> at("spec.template.spec", map(map(map(body, "spec"), "template"), "spec"));
        };
    }

    private static List<PodSpecAt> at(String path, Map<String, Object> spec) {
        return spec == null ? List.of() : List.of(new PodSpecAt(path, spec));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return parent != null && parent.get(key) instanceof Map<?, ?> child ? (Map<String, Object>) child : null;
    }
}
