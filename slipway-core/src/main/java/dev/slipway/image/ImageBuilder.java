package dev.slipway.image;

/**
 * A way to run a Dockerfile build: buildah (daemonless) or a Docker daemon. Both take the same {@link BuildPlan}
 * and leave an OCI layout at {@link BuildPlan#layout()} holding one image manifest; the digest is read from that
 * layout, never from the builder's output.
 */
public interface ImageBuilder {

    BuildRequest.Driver driver();

    /**
     * Builds and writes the layout. Failures are typed: {@link BuildFailedException} (a step failed),
     * {@link BaseImagePullException}, {@link BuilderUnavailableException}.
     */
    void build(BuildPlan plan);
}
