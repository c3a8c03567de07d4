package dev.slipway.delivery;

import dev.slipway.support.Events;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The ports the engine needs from whoever runs it (CLI, Jenkins agent): the workspace every input path
 * must stay inside, and where events go. Adapters construct it; the engine never looks anything up itself.
 *
 * @param workspace the folder user paths are resolved against and confined to
 * @param events    where progress goes; secrets registered with its masker are masked everywhere
 */
public record EngineContext(Path workspace, Events events) {
    public EngineContext {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(events, "events");
        workspace = workspace.toAbsolutePath().normalize();
    }
}
