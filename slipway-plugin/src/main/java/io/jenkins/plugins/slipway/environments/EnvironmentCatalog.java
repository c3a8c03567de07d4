package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import io.jenkins.plugins.slipway.model.StepValues;
import java.util.List;
import java.util.Optional;

/**
 * The environments an administrator defined, as plain values: what a step calls to turn its own values and the
 * environment it names into the settings it delivers with ({@link #resolve}).
 */
public record EnvironmentCatalog(List<EnvironmentSpec> environments) {
    public EnvironmentCatalog {
        environments = List.copyOf(environments);
    }

    public Optional<EnvironmentSpec> find(String name) {
        String wanted = StepValues.text(name);
        return environments.stream().filter(e -> e.name() != null && e.name().equalsIgnoreCase(wanted)).findFirst();
    }

    /**
     * The settings a step delivers with: its own values, the gaps filled from the environment it names
     * ({@link EnvironmentDefaults#merge}) after checking the job may use it ({@link EnvironmentAccess#check}).
     *
     * @param environmentName the step's {@code environment}, or {@code null} for none (then {@code explicit} as is)
     * @param jobFullName     the full name of the job that runs the step
     */
    public DeliverySettings resolve(String environmentName, String jobFullName, DeliverySettings explicit) {
        String name = StepValues.text(environmentName);
        if (name == null) {
            return explicit == null ? DeliverySettings.NONE : explicit;
        }
        EnvironmentSpec environment = find(name).orElseThrow(() -> new InvalidInputException("environment",
                "there is no environment named '" + name + "'", environments.isEmpty()
                        ? "ask a Jenkins administrator to define it (Manage Jenkins > System > Slipway environments)"
                        : "use one of " + String.join(", ", environments.stream().map(EnvironmentSpec::name).toList())
                        + ", or ask a Jenkins administrator to define it"));
        EnvironmentAccess.check(environment, jobFullName);
        return EnvironmentDefaults.merge(explicit, environment);
    }
}
