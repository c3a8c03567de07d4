package io.jenkins.plugins.slipway.environments;

import io.jenkins.plugins.slipway.model.StepValues;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A named environment as an administrator defines it: its delivery settings and the jobs allowed to use it.
 *
 * @param name        what steps name it by ({@code environment: 'prod'})
 * @param settings    what steps that name it get for the values they leave out
 * @param allowedJobs patterns on full job names ({@link EnvironmentAccess}); empty: no job may use it
 */
public record EnvironmentSpec(String name, DeliverySettings settings, List<String> allowedJobs) implements Serializable {
    public EnvironmentSpec {
        name = StepValues.text(name);
        settings = Objects.requireNonNullElse(settings, DeliverySettings.NONE);
        allowedJobs = StepValues.list(allowedJobs);
    }
}
