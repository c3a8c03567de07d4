package dev.slipway.registry;

import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import java.util.List;

/**
 * Push an OCI layout to a registry by digest, then tag it (issue #4).
 *
 * @param layout  OCI layout folder or OCI archive on the agent
 * @param target  repository to push to (a tag or digest in it is ignored; see {@code tags})
 * @param tags    tags to set after the manifest is pushed by digest and verified
 * @param auth    how to authenticate to the target registry
 */
public record PushRequest(String layout, ImageRef target, List<String> tags, RegistryAuth auth) implements EngineMessage {
    public PushRequest {
        tags = List.copyOf(tags);
    }
}
