package io.jenkins.plugins.slipway.records;

import dev.slipway.delivery.DeliveryIndexFile;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.support.Events;
import hudson.model.Run;
import java.io.IOException;

/**
 * Where the steps store a delivery's record: on the run (its {@link DeliveriesAction}, saved with the run) and in
 * the job's index ({@value DeliveryIndexFile#FILE_NAME}, written atomically under a lock). Storing the same record id
 * again (a GitOps delivery while it waits, then when it is live) replaces it in both places.
 */
public final class RunDeliveries {
    private RunDeliveries() {}

    public static void store(Run<?, ?> run, DeliveryRecord record, Events events) throws IOException {
        // parallel branches of one run may deliver at once: one action per run, created once
        synchronized (run) {
            DeliveriesAction action = run.getAction(DeliveriesAction.class);
            if (action == null) {
                action = new DeliveriesAction();
                action.put(record);
                run.addAction(action);
            } else {
                action.put(record);
            }
            run.save();
        }
        new DeliveryIndexFile(EnvironmentsAction.indexFile(run.getParent()), EnvironmentsAction.MAX_HISTORY, events).record(record);
    }
}
