package dev.slipway.registry;

import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import java.util.List;
import java.util.Objects;

/**
 * Copy an image by digest to another repository or registry without rebuilding it (issue #4).
 *
 * @param source     the image, with a digest (or a tag resolved to one first)
 * @param target     the repository to copy to
 * @param tags       tags to set in the target after the copy
 * @param sourceAuth credentials for the source registry
 * @param targetAuth credentials for the target registry
 * @param transport  how to reach both registries
 */
public record CopyRequest(ImageRef source, ImageRef target, List<String> tags, RegistryAuth sourceAuth,
        RegistryAuth targetAuth, RegistryTransport transport) implements EngineMessage {
    public CopyRequest {
        tags = List.copyOf(tags);
        Objects.requireNonNull(sourceAuth, "sourceAuth");
        Objects.requireNonNull(targetAuth, "targetAuth");
        transport = transport == null ? RegistryTransport.defaults() : transport;
    }

    public CopyRequest(ImageRef source, ImageRef target, List<String> tags, RegistryAuth sourceAuth,
            RegistryAuth targetAuth) {
        this(source, target, tags, sourceAuth, targetAuth, RegistryTransport.defaults());
    }
}
