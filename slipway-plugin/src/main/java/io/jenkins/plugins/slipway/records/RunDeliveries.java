package io.jenkins.plugins.slipway.records;

import dev.slipway.delivery.DeliveryIndexFile;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.support.Events;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the steps store a delivery's record: on the run (its {@link DeliveriesAction}, saved with the run) and in
 * the job's index ({@value DeliveryIndexFile#FILE_NAME}, written atomically under a lock). Storing the same record id
 * again (a GitOps delivery while it waits, then when it is live) replaces it in both places.
 *
 * <p>A {@code waitForSync} continues the record of the {@code gitopsUpdate} of the same run that made its commit (same
 * id, so storing it replaces the update's record): {@link #updateFor} finds that record, {@link #continued} joins them.
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

    /** The latest GitOps record among the run's whose commit is {@code commit}: the one a wait continues. */
    public static Optional<DeliveryRecord> updateFor(List<DeliveryRecord> records, String commit) {
        if (commit == null || commit.isBlank()) {
            return Optional.empty();
        }
        DeliveryRecord found = null;
        for (DeliveryRecord record : records) {
            if (record.mode() == DeliveryRecord.Mode.GITOPS && record.commit() != null
                    && commit.equalsIgnoreCase(record.commit().id())
                    && (found == null || !record.startedAt().isBefore(found.startedAt()))) {
                found = record;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The update's record continued by its wait: the update's id, start, source, build, image, target, changes,
     * commit and pull request; its phases then the wait's; its links then the wait's; the wait's outcome, end and
     * failure (an update that failed keeps its failure).
     */
    public static DeliveryRecord continued(DeliveryRecord update, DeliveryRecord wait) {
        List<DeliveryRecord.PhaseRecord> phases = new ArrayList<>(update.phases());
        phases.addAll(wait.phases());
        List<DeliveryRecord.Link> links = new ArrayList<>(update.links());
        wait.links().stream().filter(l -> !links.contains(l)).forEach(links::add);
        boolean updateFailed = update.failure() != null;
        return new DeliveryRecord(update.schemaVersion(), update.id(), update.environment(), update.mode(),
                updateFailed ? update.outcome() : wait.outcome(), update.startedAt(), wait.finishedAt(), update.source(),
                update.build(), update.image(), update.target() != null ? update.target() : wait.target(),
                update.changes(), update.commit(), update.pullRequest(), phases, links,
                updateFailed ? update.failure() : wait.failure());
    }
}
