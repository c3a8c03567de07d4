package io.jenkins.plugins.slipway.model;

import dev.slipway.image.ImageRef;
import dev.slipway.support.SlipwayException;
import java.util.List;

/**
 * Short step labels for {@code argumentsToString} (Blue Ocean, Pipeline Graph View), e.g.
 * {@code build web:1.4 → shop.azurecr.io/shop/web}. Never throws: a label must render even for bad input.
 */
public final class StepLabels {
    private StepLabels() {
    }

    public static String acrBuild(String image, List<String> tags) {
        List<String> cleanTags = StepValues.list(tags);
        String target = StepValues.text(image);
        if (target == null) {
            return "build";
        }
        String shortName;
        try {
            ImageRef ref = ImageRef.parse("image", target);
            target = ref.name();
            shortName = ref.repository().substring(ref.repository().lastIndexOf('/') + 1);
        } catch (SlipwayException invalid) {
            shortName = target.substring(target.lastIndexOf('/') + 1);
        }
        StringBuilder label = new StringBuilder("build ").append(shortName);
        if (!cleanTags.isEmpty()) {
            label.append(':').append(cleanTags.get(0));
            if (cleanTags.size() > 1) {
                label.append(" (+").append(cleanTags.size() - 1).append(cleanTags.size() == 2 ? " tag)" : " tags)");
            }
        }
        return label.append(" → ").append(target).toString();
    }

    /** {@code copy web@sha256:1a2b… → prod.azurecr.io/shop/web}. */
    public static String acrCopy(String source, String target) {
        String from = StepValues.text(source);
        String to = StepValues.text(target);
        StringBuilder label = new StringBuilder("copy");
        if (from != null) {
            label.append(' ').append(shortImage(from));
        }
        if (to != null) {
            label.append(" → ").append(to);
        }
        return label.toString();
    }

    /**
     * {@code deploy web@sha256:1a2b… → aks-prod/shop}: the first image (and how many more), then the cluster and the
     * namespace where known; without images, the first manifest path.
     */
    public static String aksDeploy(List<String> images, List<String> manifests, String cluster, String namespace) {
        List<String> cleanImages = StepValues.list(images);
        List<String> cleanManifests = StepValues.list(manifests);
        StringBuilder label = new StringBuilder("deploy");
        if (!cleanImages.isEmpty()) {
            label.append(' ').append(shortImage(cleanImages.get(0)));
            if (cleanImages.size() > 1) {
                label.append(" (+").append(cleanImages.size() - 1).append(cleanImages.size() == 2 ? " image)" : " images)");
            }
        } else if (!cleanManifests.isEmpty()) {
            label.append(' ').append(cleanManifests.get(0));
        }
        String where = where(cluster, namespace);
        return where == null ? label.toString() : label.append(" → ").append(where).toString();
    }

    /** {@code cluster login aks-prod/shop}. */
    public static String withAks(String cluster, String namespace) {
        String where = where(cluster, namespace);
        return where == null ? "cluster login" : "cluster login " + where;
    }

    private static String where(String cluster, String namespace) {
        String c = StepValues.text(cluster);
        String n = StepValues.text(namespace);
        if (c == null) {
            return n == null ? null : "namespace " + n;
        }
        return n == null ? c : c + "/" + n;
    }

    /** {@code web@sha256:1a2b…}, {@code web:1.4} or {@code web}; the text as given when it does not parse. */
    static String shortImage(String image) {
        try {
            ImageRef ref = ImageRef.parse("image", image);
            String name = ref.repository().substring(ref.repository().lastIndexOf('/') + 1);
            if (ref.digest().isPresent()) {
                return name + "@" + ref.digest().get().algorithm() + ":" + ref.digest().get().hex().substring(0, 4) + "…";
            }
            return ref.tag().map(tag -> name + ":" + tag).orElse(name);
        } catch (SlipwayException invalid) {
            return image.substring(image.lastIndexOf('/') + 1);
        }
    }

    public static String withAcr(String registry) {
        String value = StepValues.text(registry);
        return value == null ? "registry login" : "registry login " + value;
    }
}
