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

    public static String withAcr(String registry) {
        String value = StepValues.text(registry);
        return value == null ? "registry login" : "registry login " + value;
    }

    /** {@code update web@sha256:1a2b… → gitops/main:apps/shop}, {@code (pull request)} appended in that mode. */
    public static String gitopsUpdate(String image, String repository, String branch, String path, boolean pullRequest) {
        StringBuilder label = new StringBuilder("update");
        String shortImage = shortImage(image);
        if (shortImage != null) {
            label.append(' ').append(shortImage);
        }
        String repo = repositoryName(repository);
        if (repo != null) {
            label.append(" → ").append(repo).append('/').append(StepValues.text(branch) == null ? "main" : branch.strip());
            String folder = StepValues.text(path);
            if (folder != null) {
                label.append(':').append(folder);
            }
        }
        return pullRequest ? label.append(" (pull request)").toString() : label.toString();
    }

    /** {@code wait for 1a2b3c4 → Argo CD shop-prod}, or {@code → Flux flux-system/apps}. */
    public static String waitForSync(String commit, String argoCdApplication, String fluxObject) {
        StringBuilder label = new StringBuilder("wait for");
        String id = StepValues.text(commit);
        label.append(' ').append(id == null ? "commit" : id.length() > 7 ? id.substring(0, 7) : id);
        if (StepValues.text(argoCdApplication) != null) {
            label.append(" → Argo CD ").append(argoCdApplication.strip());
        } else if (StepValues.text(fluxObject) != null) {
            label.append(" → Flux ").append(fluxObject.strip());
        }
        return label.toString();
    }

    /** {@code web@sha256:1a2b…} (tag kept, digest cut to four hex digits), or the text as given when unparsable. */
    static String shortImage(String image) {
        String text = StepValues.text(image);
        if (text == null) {
            return null;
        }
        try {
            ImageRef ref = ImageRef.parse("image", text);
            StringBuilder label = new StringBuilder(ref.repository().substring(ref.repository().lastIndexOf('/') + 1));
            ref.tag().ifPresent(tag -> label.append(':').append(tag));
            ref.digest().ifPresent(digest -> {
                String value = digest.toString();
                int colon = value.indexOf(':');
                label.append('@').append(value, 0, Math.min(value.length(), colon + 5)).append('…');
            });
            return label.toString();
        } catch (SlipwayException invalid) {
            return text;
        }
    }

    /** {@code https://host/org/gitops.git} or {@code git@host:org/gitops.git} → {@code gitops}. */
    static String repositoryName(String repository) {
        String text = StepValues.text(repository);
        if (text == null) {
            return null;
        }
        String trimmed = text.replaceAll("/+$", "");
        String name = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
        name = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        return name.isEmpty() ? text : name;
    }
}
