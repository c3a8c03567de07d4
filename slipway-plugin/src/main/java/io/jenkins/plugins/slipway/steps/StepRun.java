package io.jenkins.plugins.slipway.steps;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.model.BuildLog;
import io.jenkins.plugins.slipway.model.BuildProvenance;
import io.jenkins.plugins.slipway.model.CredentialConversion;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import io.jenkins.plugins.slipway.model.EventLines;
import io.jenkins.plugins.slipway.records.RunDeliveries;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a step's execution looks up in its context before its one call into the engine (the run, its workspace and log,
 * the job's credentials, the provenance of the run), and the record it stores on the run afterwards. A local of
 * {@code run()}, never a field: nothing here is saved with the execution.
 */
final class StepRun {
    final Run<?, ?> run;
    final FilePath workspace;
    final TaskListener listener;
    private final StepContext context;

    private StepRun(StepContext context, Run<?, ?> run, FilePath workspace, TaskListener listener) {
        this.context = context;
        this.run = run;
        this.workspace = workspace;
        this.listener = listener;
    }

    static StepRun of(StepContext context) throws IOException, InterruptedException {
        return new StepRun(context, context.get(Run.class), context.get(FilePath.class), context.get(TaskListener.class));
    }

    /** The job's full name, which the environments' access rule checks. */
    String jobName() {
        return run.getParent().getFullName();
    }

    /** The credentials this run may use, converted to the engine's types on the controller. */
    CredentialConversion credentials() {
        return new CredentialConversion(new JenkinsCredentials(run));
    }

    /** The build log for agent work (the listener writes back from the agent). */
    BuildLog log() {
        return new ListenerLog(listener);
    }

    /** Events of the controller's own work (logins, storing records) written to the build log. */
    Events events() {
        PrintStream log = listener.getLogger();
        return new Events(Clock.systemUTC(), new SecretMasker())
                .subscribe(event -> EventLines.line(event).ifPresent(log::println));
    }

    /** A new delivery id with the source and build the run's environment names. */
    Provenance provenance() throws IOException, InterruptedException {
        return provenance(UUID.randomUUID().toString());
    }

    Provenance provenance(String deliveryId) throws IOException, InterruptedException {
        Map<String, String> environment = context.get(EnvVars.class);
        return BuildProvenance.from(environment, deliveryId);
    }

    /**
     * Stores the record on the run and in the job's index. A record that cannot be stored is a warning in the log:
     * the delivery itself happened.
     */
    void store(DeliveryRecord record) {
        try {
            RunDeliveries.store(run, record, events());
        } catch (IOException | RuntimeException e) {
            listener.getLogger().println("[slipway] WARNING: the delivery record was not stored: " + e.getMessage());
        }
    }

    /** Stores the outcome's record, then returns the step's result or throws the agent's failure. */
    Map<String, String> finish(DeliveryOutcome outcome) {
        store(outcome.record());
        return outcome.resultOrThrow();
    }
}
