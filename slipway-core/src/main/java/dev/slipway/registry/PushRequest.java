package dev.slipway.registry;

import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import java.util.List;
import java.util.Objects;

/**
 * Push an OCI layout to a registry by digest, then tag it (issue #4).
 *
 * @param layout    OCI layout folder or OCI archive (tar) on the agent, relative to the workspace
 * @param target    repository to push to (a tag or digest in it is ignored; see {@code tags})
 * @param tags      tags to set after the manifest is pushed by digest and verified
 * @param auth      how to authenticate to the target registry
 * @param transport how to reach it
 */
public record PushRequest(String layout, ImageRef target, List<String> tags, RegistryAuth auth,
        RegistryTransport transport) implements EngineMessage {
    public PushRequest {
        tags = List.copyOf(tags);
        Objects.requireNonNull(auth, "auth");
        transport = transport == null ? RegistryTransport.defaults() : transport;
    }

    public PushRequest(String layout, ImageRef target, List<String> tags, RegistryAuth auth) {
        this(layout, target, tags, auth, RegistryTransport.defaults());
    }
}
