package dev.slipway.registry;

import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import java.util.List;

/**
 * A pushed image.
 *
 * @param image          {@code registry/repository@digest} as the registry confirmed it
 * @param tags           tags now pointing at that digest
 * @param sizeBytes      total size of config and layers
 * @param blobsUploaded  blobs sent
 * @param blobsSkipped   blobs the registry already had
 * @param blobsMounted   blobs mounted from another repository of the same registry
 */
public record PushResult(ImageRef image, List<String> tags, long sizeBytes, int blobsUploaded, int blobsSkipped,
        int blobsMounted) implements EngineMessage {
    public PushResult {
        tags = List.copyOf(tags);
    }
}
