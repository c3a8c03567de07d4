package dev.slipway.kube;

import dev.slipway.image.ImageRef;
import dev.slipway.support.Provenance;
import java.util.List;
import java.util.Map;

/**
 * The annotations Slipway writes on workloads it deploys: where the running build comes from. The
 * downgrade guard reads them back from the live object.
 */
public final class Traceability {
    public static final String PREFIX = "slipway.dev/";
    public static final String SOURCE_REPOSITORY = PREFIX + "source-repository";
    public static final String SOURCE_COMMIT = PREFIX + "source-commit";
    public static final String BUILD_URL = PREFIX + "build-url";
    public static final String BUILD_NUMBER = PREFIX + "build-number";
    public static final String IMAGE_DIGEST = PREFIX + "image-digest";
    public static final String DELIVERY_ID = PREFIX + "delivery-id";

    private Traceability() {}

    /** Annotates every workload of {@code objects} that runs one of {@code images} (or all workloads when none is given). */
    public static void annotate(List<KubeObject> objects, List<ImageRef> images, Provenance provenance) {
        if (provenance == null) {
            return;
        }
        for (KubeObject object : objects) {
            if (!object.isWorkload()) {
                continue;
            }
            ImageRef image = imageOf(object, images);
            Map<String, Object> annotations = object.annotations();
            put(annotations, SOURCE_REPOSITORY, provenance.sourceRepository());
            put(annotations, SOURCE_COMMIT, provenance.sourceCommit());
            put(annotations, BUILD_URL, provenance.buildUrl());
            put(annotations, BUILD_NUMBER, provenance.buildNumber() == null ? null : provenance.buildNumber().toString());
            put(annotations, DELIVERY_ID, provenance.deliveryId());
            put(annotations, IMAGE_DIGEST, image == null ? null : image.digest().map(Object::toString).orElse(null));
            if (annotations.isEmpty()) {
                object.metadata().remove("annotations");
            }
        }
    }

    private static ImageRef imageOf(KubeObject object, List<ImageRef> images) {
        for (ImageSubstitution.PodSpecAt podSpec : ImageSubstitution.podSpecs(object)) {
            if (podSpec.spec().get("containers") instanceof List<?> containers) {
                for (Object container : containers) {
                    if (container instanceof Map<?, ?> c) {
                        String image = KubeObject.string(c.get("image"));
                        for (ImageRef candidate : images) {
                            if (image.equals(candidate.reference())) {
                                return candidate;
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static void put(Map<String, Object> annotations, String key, String value) {
        if (value != null && !value.isBlank()) {
            annotations.put(key, value);
        }
    }
}
