package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.image.ImageRef;
import dev.slipway.support.SlipwayException;
import io.jenkins.plugins.slipway.environments.EnvironmentAccess;
import io.jenkins.plugins.slipway.environments.EnvironmentCatalog;
import io.jenkins.plugins.slipway.environments.EnvironmentSpec;
import io.jenkins.plugins.slipway.environments.FieldCheck;
import io.jenkins.plugins.slipway.model.StepValues;
import java.util.Optional;

/** Checks of the fields only "Build and deliver" has (the shared ones are in {@code EnvironmentValidator}). */
public final class DeliverChecks {
    private DeliverChecks() {
    }

    public static FieldCheck checkImage(String value) {
        String image = StepValues.text(value);
        if (image == null) {
            return FieldCheck.error("image", "the image is empty",
                    "give the repository to push to, e.g. shop.azurecr.io/shop/web, or shop/web with an environment");
        }
        try {
            ImageRef.parse("image", DeliveryPlan.imageWithRegistry(image, "registry.invalid"));
            return FieldCheck.ok("image");
        } catch (SlipwayException e) {
            return FieldCheck.error("image", e.getMessage(), e.fix());
        }
    }

    public static FieldCheck checkPairs(String field, String value) {
        try {
            StepValues.pairs(field, value);
            return FieldCheck.ok(field);
        } catch (SlipwayException e) {
            return FieldCheck.error(field, e.getMessage(), e.fix());
        }
    }

    /** An environment the catalog lacks is an error; one the job may not use is an error naming both. */
    public static FieldCheck checkEnvironment(EnvironmentCatalog catalog, String value, String jobFullName) {
        String name = StepValues.text(value);
        if (name == null) {
            return FieldCheck.ok("environment");
        }
        Optional<EnvironmentSpec> environment = catalog.find(name);
        if (environment.isEmpty()) {
            return FieldCheck.error("environment", "there is no environment named '" + name + "'",
                    "choose one of the list, or ask a Jenkins administrator to define it");
        }
        if (jobFullName != null && !EnvironmentAccess.allows(environment.get().allowedJobs(), jobFullName)) {
            return FieldCheck.error("environment", "environment '" + name + "' may not be used by job '" + jobFullName
                    + "'", "ask a Jenkins administrator to add this job to its allowed jobs, or choose another");
        }
        return FieldCheck.ok("environment");
    }
}
