package dev.slipway.registry;

import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import java.util.List;

/** A copied image: the target {@code registry/repository@digest} (same digest as the source) and its tags. */
public record CopyResult(ImageRef image, List<String> tags, int blobsCopied, int blobsMounted, int blobsSkipped)
        implements EngineMessage {
    public CopyResult {
        tags = List.copyOf(tags);
    }
}
