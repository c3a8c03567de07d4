package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.image.BuildResult;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.DeployResult;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.PushResult;
import java.util.List;
import java.util.Locale;

/**
 * What the push-side steps add to a delivery record besides what the engine's events fill in (phases, timings,
 * failure): the image by digest, the target cluster and namespace, the changed image fields. Built with the
 * {@link DeliveryRecorder}'s setters only, so the engine's own result-to-record mapping can replace this class.
 */
public final class StepRecords {
    private StepRecords() {
    }

    /** {@code acrBuild}: the image as pushed, and the builder that built it. */
    public static void built(DeliveryRecorder recorder, BuildResult built, PushResult pushed) {
        recorder.image(image(pushed.image(), pushed.tags(), pushed.sizeBytes()));
        DeliveryRecord.Build build = recorder.snapshot().build();
        String driver = built.driver() == null ? null : built.driver().name().toLowerCase(Locale.ROOT);
        recorder.build(new DeliveryRecord.Build(build == null ? null : build.url(), build == null ? null : build.number(),
                driver));
    }

    /** {@code acrCopy}: the image where it was copied to (same digest as the source). */
    public static void copied(DeliveryRecorder recorder, CopyResult copied) {
        recorder.image(image(copied.image(), copied.tags(), null));
    }

    /** {@code aksDeploy}, before it runs: the first image deployed and where to; a failed deploy records them too. */
    public static void deploying(DeliveryRecorder recorder, List<ImageRef> images, String cluster, String namespace) {
        if (!images.isEmpty()) {
            ImageRef first = images.get(0);
            recorder.image(image(first, first.tag().map(List::of).orElse(List.of()), null));
        }
        recorder.target(new DeliveryRecord.Target(cluster, namespace, null, null, null));
    }

    /** {@code aksDeploy}, after it ran: the image fields it changed. */
    public static void deployed(DeliveryRecorder recorder, DeployResult result) {
        recorder.addChanges(result.changes());
    }

    static DeliveryRecord.Image image(ImageRef image, List<String> tags, Long sizeBytes) {
        return new DeliveryRecord.Image(image.registry(), image.repository(),
                image.digest().map(Object::toString).orElse(null), tags, sizeBytes);
    }
}
