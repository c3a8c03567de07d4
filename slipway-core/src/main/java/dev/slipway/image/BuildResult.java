package dev.slipway.image;

import dev.slipway.support.EngineMessage;
import java.time.Duration;
import java.util.List;

/**
 * A built image, ready to push.
 *
 * @param image     the target repository with the manifest digest (never parsed from builder output)
 * @param layout    the OCI layout folder holding it
 * @param tags      tags to push it under
 * @param sizeBytes total size of config and layers
 * @param driver    the builder that ran
 * @param duration  how long the build took
 */
public record BuildResult(ImageRef image, String layout, List<String> tags, long sizeBytes, BuildRequest.Driver driver,
        Duration duration) implements EngineMessage {

    public BuildResult {
        tags = List.copyOf(tags);
    }
}
