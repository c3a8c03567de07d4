package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import io.jenkins.plugins.slipway.model.StepValues;

/**
 * The {@code environment} option of the registry steps ({@code acrBuild}, {@code withAcr}): the registry and its
 * credential come from the named environment when the step leaves them out, after the access rule
 * ({@link EnvironmentCatalog#resolve}). Without an environment the step's own values stand as given.
 */
public final class StepEnvironment {
    private StepEnvironment() {
    }

    /**
     * A registry and the credential for it.
     *
     * @param target        an image repository ({@link #forImage}) or a registry host ({@link #forRegistry})
     * @param credentialsId the registry credential, or {@code null} for anonymous
     */
    public record RegistryTarget(String target, String credentialsId) {
    }

    /** {@code acrBuild}: an image without a registry host gets the environment's registry in front. */
    public static RegistryTarget forImage(EnvironmentCatalog catalog, String environment, String jobFullName,
            String image, String credentialsId) {
        DeliverySettings merged = merged(catalog, environment, jobFullName, null, credentialsId);
        return new RegistryTarget(StepValues.text(image) == null ? null
                : imageWithRegistry(StepValues.text(image), merged.registry()),
                merged.registryCredentialsId());
    }

    /** {@code withAcr}: the step's registry, or the environment's when it gives none. */
    public static RegistryTarget forRegistry(EnvironmentCatalog catalog, String environment, String jobFullName,
            String registry, String credentialsId) {
        DeliverySettings merged = merged(catalog, environment, jobFullName, registry, credentialsId);
        return new RegistryTarget(merged.registry(), merged.registryCredentialsId());
    }

    /**
     * {@code image} as given when it names a registry host (its first part has a {@code .} or {@code :}, or is
     * {@code localhost}); else {@code registry/image}. Without a registry the image stays as given.
     */
    public static String imageWithRegistry(String image, String registry) {
        if (image == null) {
            throw new InvalidInputException("image", "is empty", "give the repository to push to, e.g. shop.azurecr.io/shop/web");
        }
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        return hasHost || registry == null ? image : registry + "/" + image;
    }

    private static DeliverySettings merged(EnvironmentCatalog catalog, String environment, String jobFullName,
            String registry, String credentialsId) {
        DeliverySettings own = DeliverySettings.builder().registry(registry).registryCredentialsId(credentialsId)
                .build();
        return catalog.resolve(environment, jobFullName, own);
    }
}
