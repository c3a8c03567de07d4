package io.jenkins.plugins.slipway.model;

import dev.slipway.image.BuildRequest;
import dev.slipway.image.BuildResult;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code acrBuild} as engine calls: the step's settings become a {@link BuildRequest}; the build's result becomes the
 * {@link PushRequest}; the push's result becomes the step's return value. Plain code, so every mapping is tested
 * without Jenkins.
 */
public final class AcrBuildPlan {
    /** Keys of the map {@code acrBuild} returns. */
    public static final String RESULT_IMAGE = "image";
    public static final String RESULT_DIGEST = "digest";
    public static final String RESULT_TAGS = "tags";

    private AcrBuildPlan() {
    }

    /**
     * The build request. Registries the transport reaches over plain HTTP are also the build's insecure registries,
     * so a base image from the same test or internal registry can be pulled.
     *
     * @param secrets the build secrets, already resolved from their credentials on the controller
     */
    public static BuildRequest buildRequest(AcrBuildSettings settings, List<BuildRequest.BuildSecret> secrets,
            RegistryTransport transport) {
        BuildRequest.Builder builder = BuildRequest.builder(image(settings))
                .context(settings.context())
                .dockerfile(settings.dockerfile())
                .tags(settings.tags())
                .buildArgs(settings.buildArgs())
                .labels(settings.labels())
                .target(settings.target())
                .platform(settings.platform())
                .secrets(secrets);
        if (transport != null) {
            builder.insecureRegistries(new ArrayList<>(transport.plainHttpRegistries()));
        }
        return builder.build();
    }

    /** The image to push to, parsed; a tag or digest in it is refused (tags go in {@code tags}). */
    public static ImageRef image(AcrBuildSettings settings) {
        if (settings.image() == null) {
            throw new InvalidInputException("image", "is empty",
                    "give the repository to push to, e.g. myregistry.azurecr.io/shop/web");
        }
        ImageRef image = ImageRef.parse("image", settings.image());
        if (image.tag().isPresent() || image.digest().isPresent()) {
            throw new InvalidInputException("image", "'" + settings.image() + "' has a tag or digest",
                    "give the repository only (" + image.name() + ") and put tags in 'tags'");
        }
        return image;
    }

    /** Push what was built, by digest, then its tags (templates already resolved by the build). */
    public static PushRequest pushRequest(BuildResult built, RegistryAuth auth, RegistryTransport transport) {
        return new PushRequest(built.layout(), built.image().withoutDigest(), built.tags(), auth, transport);
    }

    /** What the step returns: {@code image} = repository@digest, {@code digest}, {@code tags} comma-separated. */
    public static Map<String, String> stepResult(PushResult pushed) {
        Map<String, String> result = new LinkedHashMap<>();
        ImageRef image = pushed.image();
        String digest = image.digest().map(Object::toString).orElseThrow(() -> new IllegalStateException(
                "the registry confirmed no digest for " + image));
        result.put(RESULT_IMAGE, image.name() + "@" + digest);
        result.put(RESULT_DIGEST, digest);
        result.put(RESULT_TAGS, String.join(",", pushed.tags()));
        return result;
    }
}
