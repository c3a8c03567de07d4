package io.jenkins.plugins.slipway.model;

import dev.slipway.image.ImageRef;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code acrCopy} as an engine call: settings → {@link CopyRequest}, {@link CopyResult} → the step's map. */
public final class AcrCopyPlan {
    public static final String RESULT_IMAGE = AcrBuildPlan.RESULT_IMAGE;
    public static final String RESULT_DIGEST = AcrBuildPlan.RESULT_DIGEST;
    public static final String RESULT_TAGS = AcrBuildPlan.RESULT_TAGS;

    private AcrCopyPlan() {
    }

    public static ImageRef source(AcrCopySettings settings) {
        if (settings.source() == null) {
            throw new InvalidInputException("source", "is empty",
                    "give the image to copy, best by digest, e.g. the 'image' that acrBuild returned");
        }
        return ImageRef.parse("source", settings.source());
    }

    public static ImageRef target(AcrCopySettings settings) {
        if (settings.target() == null) {
            throw new InvalidInputException("target", "is empty",
                    "give the repository to copy to, e.g. prod.azurecr.io/shop/web");
        }
        ImageRef target = ImageRef.parse("target", settings.target());
        if (target.digest().isPresent()) {
            throw new InvalidInputException("target", "'" + settings.target() + "' has a digest",
                    "give the repository only (" + target.name() + "); the copy keeps the source's digest");
        }
        return target;
    }

    /** The tags set on the copy: the target's own tag first, then {@code tags}, without repeats. */
    public static List<String> tags(AcrCopySettings settings) {
        List<String> tags = new ArrayList<>();
        target(settings).tag().ifPresent(tags::add);
        for (String tag : settings.tags()) {
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** @param sourceAuth and {@code targetAuth}: as the agent gets them (never an Azure identity) */
    public static CopyRequest copyRequest(AcrCopySettings settings, RegistryAuth sourceAuth, RegistryAuth targetAuth,
            RegistryTransport transport) {
        return new CopyRequest(source(settings), target(settings).withoutTag(), tags(settings), sourceAuth, targetAuth,
                transport);
    }

    /** {@code image} = target repository@digest, {@code digest}, {@code tags} comma-separated. */
    public static Map<String, String> stepResult(CopyResult copied) {
        ImageRef image = copied.image();
        String digest = image.digest().map(Object::toString).orElseThrow(() -> new IllegalStateException(
                "the registry confirmed no digest for " + image));
        Map<String, String> result = new LinkedHashMap<>();
        result.put(RESULT_IMAGE, image.name() + "@" + digest);
        result.put(RESULT_DIGEST, digest);
        result.put(RESULT_TAGS, String.join(",", copied.tags()));
        return result;
    }
}
