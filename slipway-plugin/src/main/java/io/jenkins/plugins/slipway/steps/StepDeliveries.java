package io.jenkins.plugins.slipway.steps;

import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.model.AgentOutcome;
import io.jenkins.plugins.slipway.model.BuildProvenance;
import io.jenkins.plugins.slipway.model.EventLines;
import io.jenkins.plugins.slipway.records.RunDeliveries;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The controller's side of a recorded step: provenance from the run's environment, and the record stored on the run. */
final class StepDeliveries {
    private StepDeliveries() {
    }

    /** A new delivery id with the source and build the run's environment names. */
    static Provenance provenance(StepContext context) throws IOException, InterruptedException {
        Map<String, String> environment = context.get(EnvVars.class);
        return BuildProvenance.from(environment, UUID.randomUUID().toString());
    }

    /**
     * Stores the outcome's record on the run and in the job's index, then returns the step's result or throws the
     * agent's failure. A record that cannot be stored is a warning in the log: the delivery itself happened.
     */
    static Map<String, String> finish(Run<?, ?> run, TaskListener listener, AgentOutcome outcome) {
        PrintStream log = listener.getLogger();
        try {
            RunDeliveries.store(run, outcome.record(), new Events(Clock.systemUTC(), new SecretMasker())
                    .subscribe(event -> EventLines.line(event).ifPresent(log::println)));
        } catch (IOException | RuntimeException e) {
            log.println("[slipway] WARNING: the delivery record was not stored: " + e.getMessage());
        }
        return outcome.resultOrThrow();
    }
}
