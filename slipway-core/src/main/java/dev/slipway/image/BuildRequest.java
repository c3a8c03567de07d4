package dev.slipway.image;

import dev.slipway.support.EngineMessage;
import java.util.List;
import java.util.Map;

/**
 * Build a Dockerfile into an OCI layout on the agent (issue #5). Paths are strings relative to the workspace
 * (resolved and confined there by the agent), because requests cross the remoting channel.
 *
 * @param driver       which builder runs the build
 * @param context      build context folder, inside the workspace
 * @param dockerfile   Dockerfile path, inside the workspace (default {@code <context>/Dockerfile})
 * @param image        the repository the image will be pushed to; names the build and its tags
 * @param tags         tags to give the image (templates already expanded)
 * @param buildArgs    {@code --build-arg} values; never secrets
 * @param labels       labels added to the OCI defaults ({@code org.opencontainers.image.*})
 * @param target       multi-stage target, or {@code null} for the last stage
 * @param platform     e.g. {@code linux/amd64}, or {@code null} for the agent's own
 * @param pull         when to pull base images
 * @param noCache      build without the layer cache
 * @param secrets      build secrets mounted with {@code RUN --mount=type=secret}, never in argv or layers
 * @param outputLayout folder the OCI layout is written to
 */
public record BuildRequest(Driver driver, String context, String dockerfile, ImageRef image, List<String> tags,
        Map<String, String> buildArgs, Map<String, String> labels, String target, String platform, PullPolicy pull,
        boolean noCache, List<BuildSecret> secrets, String outputLayout) implements EngineMessage {

    public BuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        secrets = List.copyOf(secrets);
    }

    public enum Driver { AUTO, BUILDAH, DOCKER }

    public enum PullPolicy { MISSING, ALWAYS, NEVER }

    /** A build secret: its id in the Dockerfile and the file on the agent that holds it. */
    public record BuildSecret(String id, String source) implements EngineMessage { }
}
