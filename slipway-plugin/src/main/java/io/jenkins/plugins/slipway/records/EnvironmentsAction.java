package io.jenkins.plugins.slipway.records;

import dev.slipway.delivery.DeliveryEndpoints;
import dev.slipway.delivery.DeliveryIndexFile;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * A job's "Environments" page ({@code .../job/<job>/slipway/}) and its JSON: the job's delivery index
 * ({@value DeliveryIndexFile#FILE_NAME} in the job's folder). Added by {@link EnvironmentsActionFactory}, never
 * stored: the index file is the state.
 */
public class EnvironmentsAction implements Action {
    /** Matches DeliveryIndex's default bound; only used when reading, where it never drops anything stored. */
    static final int MAX_HISTORY = 100;
    private static final SecretMasker NOTHING_TO_MASK = new SecretMasker();
    private static final Logger LOGGER = Logger.getLogger(EnvironmentsAction.class.getName());

    private final Job<?, ?> job;

    EnvironmentsAction(Job<?, ?> job) {
        this.job = job;
    }

    static Path indexFile(Job<?, ?> job) {
        return job.getRootDir().toPath().resolve(DeliveryIndexFile.FILE_NAME);
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** {@code api/json}: the index ({@code DeliveryIndex} in docs/openapi.yaml) once Item.READ is granted. */
    public RecordsApi getApi() {
        return new RecordsApi(new RecordsEndpoint(() -> job.hasPermission(Item.READ),
                () -> DeliveryEndpoints.jobJson(new DeliveryIndexFile(indexFile(job), MAX_HISTORY, loggedEvents()),
                        NOTHING_TO_MASK)));
    }

    /** A damaged or newer index is answered as an empty one; the reason goes to the Jenkins log. */
    private static Events loggedEvents() {
        return new Events(Clock.systemUTC(), NOTHING_TO_MASK).subscribe(event -> {
            if (event.kind() == Event.Kind.WARNING) {
                LOGGER.warning(event.subject() + ": " + event.message());
            }
        });
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return "Environments";
    }

    @Override
    public String getUrlName() {
        return DeliveriesAction.URL_NAME;
    }
}
