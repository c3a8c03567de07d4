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

    public static String withAcr(String registry) {
        String value = StepValues.text(registry);
        return value == null ? "registry login" : "registry login " + value;
    }
}
