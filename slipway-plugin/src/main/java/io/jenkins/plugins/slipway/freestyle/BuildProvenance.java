package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.support.Provenance;
import io.jenkins.plugins.slipway.model.StepValues;
import java.util.Map;

/**
 * Where a freestyle delivery comes from: the Git plugin's variables ({@code GIT_URL}, {@code GIT_COMMIT},
 * {@code GIT_BRANCH}) of the build's environment, the run's URL and number, and the delivery's id.
 */
public final class BuildProvenance {
    private BuildProvenance() {
    }

    public static Provenance of(Map<String, String> environment, String buildUrl, long buildNumber, String deliveryId) {
        String branch = StepValues.text(environment.get("GIT_BRANCH"));
        // the Git plugin writes remote branches as origin/main
        if (branch != null && branch.startsWith("origin/")) {
            branch = branch.substring("origin/".length());
        }
        return new Provenance(StepValues.text(environment.get("GIT_URL")), StepValues.text(environment.get("GIT_COMMIT")),
                branch, StepValues.text(buildUrl), buildNumber, deliveryId);
    }
}
