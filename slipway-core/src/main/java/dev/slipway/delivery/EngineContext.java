package dev.slipway.delivery;

import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The ports the engine needs from whoever runs it (CLI, Jenkins agent): the workspace every input path
 * must stay inside, and where events go. Adapters construct it; the engine never looks anything up itself.
 *
 * @param workspace the folder user paths are resolved against and confined to
 * @param events    where progress goes; secrets registered with its masker are masked everywhere
 * @param cache     where reusable state lives between runs (GitOps clones), outside the workspace's content
 * @param network   proxy, trust and timeouts for every HTTP client the engine builds (direct when not given)
 */
public record EngineContext(Path workspace, Events events, Path cache, NetworkSettings network) {
    public EngineContext {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(events, "events");
        workspace = workspace.toAbsolutePath().normalize();
        cache = cache == null ? defaultCache() : cache.toAbsolutePath().normalize();
        network = network == null ? NetworkSettings.direct() : network;
    }

    public EngineContext(Path workspace, Events events, Path cache) {
        this(workspace, events, cache, null);
    }

    public EngineContext(Path workspace, Events events) {
        this(workspace, events, null, null);
    }

    /** The same context reaching the network through {@code settings}. */
    public EngineContext withNetwork(NetworkSettings settings) {
        return new EngineContext(workspace, events, cache, settings);
    }

    /** {@code $XDG_CACHE_HOME/slipway}, else {@code ~/.cache/slipway}. */
    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("slipway").toAbsolutePath().normalize();
    }
}
