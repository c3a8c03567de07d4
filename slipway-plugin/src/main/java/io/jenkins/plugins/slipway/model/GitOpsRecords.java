package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Event;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The delivery record of {@code gitopsUpdate} and {@code waitForSync}, filled from their requests and results with
 * {@link DeliveryRecorder} (the recorder also listens to the engine's events for the phases). Kept in one small
 * class so that the engine's own mapping from results to the recorder can replace it.
 *
 * <p>A wait continues the record of the update that made its commit (same id, so storing it replaces the update's
 * record on the run and in the job's index): {@link #continued} appends the wait's phases and takes its outcome.
 */
public final class GitOpsRecords {
    private GitOpsRecords() {
    }

    /** A recorder for an update: target, image and provenance from the request; phases planned. */
    public static DeliveryRecorder forUpdate(String deliveryId, Clock clock, GitOpsUpdateRequest request) {
        DeliveryRecorder recorder = new DeliveryRecorder(deliveryId, DeliveryRecord.Mode.GITOPS, clock);
        if (request.provenance() != null) {
            recorder.provenance(request.provenance());
        }
        recorder.target(new DeliveryRecord.Target(null, null, request.repositoryUrl(), request.branch(),
                request.path().isEmpty() ? null : request.path()));
        if (!request.images().isEmpty()) {
            recorder.image(image(request.images().get(0)));
        }
        if (request.pullRequest() == null) {
            recorder.plan(Event.Phase.UPDATE, Event.Phase.COMMIT);
        } else {
            recorder.plan(Event.Phase.UPDATE, Event.Phase.COMMIT, Event.Phase.PULL_REQUEST);
        }
        return recorder;
    }

    /** What the update did: its changes, the commit, the pull request. */
    public static void updated(DeliveryRecorder recorder, GitOpsUpdateResult result) {
        recorder.addChanges(result.changes());
        if (result.commit() != null) {
            recorder.commit(new DeliveryRecord.Commit(result.commit(), null));
        }
        if (result.pullRequestNumber() != null) {
            recorder.pullRequest(new DeliveryRecord.PullRequest(result.pullRequestNumber(), result.pullRequestUrl()));
            if (result.pullRequestUrl() != null && !result.pullRequestUrl().isBlank()) {
                recorder.link("pull-request", "Pull request #" + result.pullRequestNumber(), result.pullRequestUrl());
            }
        }
    }

    /**
     * A failure the engine threw without reporting it as an event (bad input, a refused credential): recorded in
     * {@code phase}, so the record says why. {@code message} must already be masked.
     */
    public static void failed(DeliveryRecorder recorder, Clock clock, Event.Phase phase, String message) {
        DeliveryRecord now = recorder.snapshot();
        if (now.failure() != null) {
            return;
        }
        // the phase that was running when it failed, if any, is where it failed
        Event.Phase where = phase;
        for (DeliveryRecord.PhaseRecord p : now.phases()) {
            if (p.status() == DeliveryRecord.PhaseStatus.RUNNING) {
                for (Event.Phase candidate : Event.Phase.values()) {
                    if (DeliveryRecorder.phaseName(candidate).equals(p.name())) {
                        where = candidate;
                    }
                }
            }
        }
        recorder.on(new Event(clock.instant(), where, Event.Kind.FAILED, "", message, -1, -1));
    }

    /** A recorder for a wait: its commit, and the repository when the request names one. */
    public static DeliveryRecorder forWait(String deliveryId, Clock clock, WaitRequest request) {
        DeliveryRecorder recorder = new DeliveryRecorder(deliveryId, DeliveryRecord.Mode.GITOPS, clock);
        if (request.repository() != null) {
            recorder.target(new DeliveryRecord.Target(null, null, request.repository().url(),
                    request.repository().branch(), null));
        }
        recorder.commit(new DeliveryRecord.Commit(request.commit(), null));
        return recorder.plan(Event.Phase.WAIT);
    }

    /**
     * A recorder for a wait that has started (on the controller, before the agent works): the record the run shows
     * while it waits, and the one that says "stopped" when the wait never returns.
     */
    public static DeliveryRecorder waiting(String deliveryId, Clock clock, WaitRequest request) {
        DeliveryRecorder recorder = forWait(deliveryId, clock, request);
        recorder.on(new Event(clock.instant(), Event.Phase.WAIT, Event.Kind.STARTED, request.application(),
                "waiting until " + request.commit() + " is live", -1, -1));
        return recorder;
    }

    /** The wait's end: a result that is not live fails the record with the controller's message. */
    public static void waited(DeliveryRecorder recorder, Clock clock, WaitResult result) {
        if (!result.live()) {
            failed(recorder, clock, Event.Phase.WAIT, "not live: " + result.message());
        }
    }

    /** The latest GitOps record of the run whose commit is {@code commit}, the one a wait continues. */
    public static Optional<DeliveryRecord> previous(List<DeliveryRecord> records, String commit) {
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
     * commit and pull request; its phases then the wait's; the wait's outcome, end and failure (an update that failed
     * keeps its failure).
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

    private static DeliveryRecord.Image image(ImageRef image) {
        return new DeliveryRecord.Image(image.registry(), image.repository(),
                image.digest().map(Object::toString).orElse(null), image.tag().map(List::of).orElse(List.of()), null);
    }
}
