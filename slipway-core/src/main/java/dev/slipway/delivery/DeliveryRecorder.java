package dev.slipway.delivery;

import dev.slipway.delivery.DeliveryRecord.PhaseRecord;
import dev.slipway.delivery.DeliveryRecord.PhaseStatus;
import dev.slipway.support.Event;
import dev.slipway.support.EventListener;
import dev.slipway.support.Provenance;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds a {@link DeliveryRecord} while a delivery runs. Subscribed to the engine's events it fills in the
 * phases, their timings and the failure; each entry point sets what it knows (source, build, image, target,
 * changes, commit, pull request, links). {@link #snapshot()} can be taken at any time (a running delivery
 * shows {@code RUNNING}); the {@code DELIVER} phase ending, or {@link #finish()}, closes the record.
 *
 * <p>Never a secret: event texts arrive masked, and user info ({@code user:token@}) is removed from every
 * URL set here. Thread-safe: events may arrive from parallel work.
 */
public final class DeliveryRecorder implements EventListener {
    private final Clock clock;
    private final String id;
    private final DeliveryRecord.Mode mode;
    private String environment;
    private Instant startedAt;
    private Instant finishedAt;
    private DeliveryRecord.Outcome outcome = DeliveryRecord.Outcome.RUNNING;
    private DeliveryRecord.Source source;
    private DeliveryRecord.Build build;
    private DeliveryRecord.Image image;
    private DeliveryRecord.Target target;
    private final List<Change> changes = new ArrayList<>();
    private DeliveryRecord.Commit commit;
    private DeliveryRecord.PullRequest pullRequest;
    private final List<PhaseRecord> phases = new ArrayList<>();
    private final List<DeliveryRecord.Link> links = new ArrayList<>();
    private DeliveryRecord.Failure failure;

    public DeliveryRecorder(String id, DeliveryRecord.Mode mode, Clock clock) {
        this.id = requireText(id, "id");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
    }

    /** The name the record uses for an engine phase: {@code PULL_REQUEST} → {@code pull-request}. */
    public static String phaseName(Event.Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Phases expected to run, shown as {@code PENDING} until they start (the timeline of a delivery that is
     * still waiting shows what is left). Phases already known are kept.
     */
    public synchronized DeliveryRecorder plan(Event.Phase... expected) {
        for (Event.Phase phase : expected) {
            if (phase != Event.Phase.DELIVER && indexOf(phaseName(phase)) < 0) {
                phases.add(new PhaseRecord(phaseName(phase), PhaseStatus.PENDING, null, null, null));
            }
        }
        return this;
    }

    @Override
    public synchronized void on(Event event) {
        if (event.phase() == Event.Phase.DELIVER) {
            onDeliver(event);
            return;
        }
        String name = phaseName(event.phase());
        int index = latestIndexOf(name);
        PhaseRecord current = index < 0 ? null : phases.get(index);
        switch (event.kind()) {
            case STARTED -> {
                if (current == null || current.status() != PhaseStatus.PENDING && current.status() != PhaseStatus.RUNNING) {
                    // a phase that ran before and starts again (a second push, a retried wait) gets its own entry
                    phases.add(new PhaseRecord(name, PhaseStatus.RUNNING, event.at(), null, blankToNull(event.message())));
                } else if (current.status() == PhaseStatus.PENDING) {
                    phases.set(index, new PhaseRecord(name, PhaseStatus.RUNNING, event.at(), null, blankToNull(event.message())));
                }
                // STARTED for a sub-part of a running phase (one blob of a push) changes nothing
            }
            case PROGRESS -> {
                if (current != null && current.status() == PhaseStatus.RUNNING && !event.message().isBlank()) {
                    phases.set(index, new PhaseRecord(name, PhaseStatus.RUNNING, current.startedAt(), null, event.message()));
                }
            }
            case FINISHED -> end(index, current, name, PhaseStatus.SUCCEEDED, event);
            case FAILED -> {
                end(index, current, name, PhaseStatus.FAILED, event);
                if (failure == null) {
                    // the first failure is the cause; later ones (a rollback failing too) are in their phases
                    failure = new DeliveryRecord.Failure(name, event.message().isBlank() ? name + " failed" : event.message());
                }
            }
            case INFO, WARNING -> { /* the build log shows these; the record keeps outcomes */ }
        }
    }

    private void onDeliver(Event event) {
        switch (event.kind()) {
            case STARTED -> startedAt = event.at();
            case FINISHED -> finishAt(event.at());
            case FAILED -> {
                if (failure == null) {
                    failure = new DeliveryRecord.Failure("deliver", event.message().isBlank() ? "delivery failed" : event.message());
                }
                finishAt(event.at());
            }
            default -> { }
        }
    }

    private void end(int index, PhaseRecord current, String name, PhaseStatus status, Event event) {
        String message = event.message().isBlank() ? current == null ? null : current.message() : event.message();
        if (current != null && current.status() == PhaseStatus.RUNNING) {
            phases.set(index, new PhaseRecord(name, status, current.startedAt(), event.at(), message));
        } else if (current != null && current.status() == PhaseStatus.PENDING) {
            phases.set(index, new PhaseRecord(name, status, event.at(), event.at(), message));
        } else {
            phases.add(new PhaseRecord(name, status, event.at(), event.at(), blankToNull(event.message())));
        }
    }

    /**
     * Settles a phase from an entry point's result, for what its events do not say (a deploy emits no
     * {@code FINISHED}, a rollout failure is only known from the result). The phase's latest entry gets
     * {@code status}, keeping its start; a phase never seen is added. A {@code FAILED} status is the record's
     * failure when it is the first. {@code message} (masked by the caller) replaces the entry's message when given.
     */
    public synchronized DeliveryRecorder settle(Event.Phase phase, PhaseStatus status, String message) {
        String name = phaseName(phase);
        int index = latestIndexOf(name);
        PhaseRecord current = index < 0 ? null : phases.get(index);
        Instant now = clock.instant();
        String text = blankToNull(message) != null ? message : current == null ? null : current.message();
        if (current == null) {
            phases.add(new PhaseRecord(name, status, now, now, text));
        } else {
            Instant start = current.startedAt() != null ? current.startedAt() : now;
            Instant end = current.finishedAt() != null && current.status() == status ? current.finishedAt() : now;
            phases.set(index, new PhaseRecord(name, status, start, status == PhaseStatus.RUNNING ? null : end, text));
        }
        if (status == PhaseStatus.FAILED && failure == null) {
            failure = new DeliveryRecord.Failure(name, text == null ? name + " failed" : text);
        }
        return this;
    }

    /** The status of the phase's latest entry, or {@code null} when it never appeared. */
    public synchronized PhaseStatus statusOf(Event.Phase phase) {
        int index = latestIndexOf(phaseName(phase));
        return index < 0 ? null : phases.get(index).status();
    }

    /** Closes the record now: the outcome follows from the phases (see {@link #snapshot()}). */
    public synchronized DeliveryRecord finish() {
        finishAt(clock.instant());
        return snapshot();
    }

    private void finishAt(Instant at) {
        if (finishedAt != null) {
            return;
        }
        finishedAt = at;
        boolean rolledBack = phases.stream()
                .anyMatch(p -> p.name().equals(phaseName(Event.Phase.ROLLBACK)) && p.status() == PhaseStatus.SUCCEEDED);
        outcome = failure == null ? DeliveryRecord.Outcome.SUCCEEDED
                : rolledBack ? DeliveryRecord.Outcome.ROLLED_BACK : DeliveryRecord.Outcome.FAILED;
        for (int i = 0; i < phases.size(); i++) {
            PhaseRecord p = phases.get(i);
            if (p.status() == PhaseStatus.PENDING) {
                // what never started after a failure was skipped; after a success it was not needed
                phases.set(i, new PhaseRecord(p.name(), PhaseStatus.SKIPPED, null, null, p.message()));
            } else if (p.status() == PhaseStatus.RUNNING && failure != null) {
                phases.set(i, new PhaseRecord(p.name(), PhaseStatus.FAILED, p.startedAt(), at,
                        "stopped: the delivery failed in " + failure.phase()));
            }
        }
    }

    /** The record as it stands; {@code RUNNING} until the delivery ends. */
    public synchronized DeliveryRecord snapshot() {
        return new DeliveryRecord(DeliveryRecord.SCHEMA_VERSION, id, environment, mode, outcome, startedAt, finishedAt,
                source, build, image, target, changes, commit, pullRequest, phases, links, failure);
    }

    public synchronized DeliveryRecorder environment(String name) {
        this.environment = blankToNull(name);
        return this;
    }

    /** Source and build from the provenance every request carries. */
    public synchronized DeliveryRecorder provenance(Provenance provenance) {
        if (provenance.sourceRepository() != null || provenance.sourceCommit() != null || provenance.sourceBranch() != null) {
            source(new DeliveryRecord.Source(provenance.sourceRepository(), provenance.sourceCommit(), provenance.sourceBranch()));
        }
        if (provenance.buildUrl() != null || provenance.buildNumber() != null) {
            build(new DeliveryRecord.Build(provenance.buildUrl(), provenance.buildNumber(), build == null ? null : build.driver()));
        }
        return this;
    }

    public synchronized DeliveryRecorder source(DeliveryRecord.Source value) {
        this.source = value == null ? null
                : new DeliveryRecord.Source(withoutUserInfo(value.repository()), value.commit(), value.branch());
        return this;
    }

    public synchronized DeliveryRecorder build(DeliveryRecord.Build value) {
        this.build = value == null ? null : new DeliveryRecord.Build(withoutUserInfo(value.url()), value.number(), value.driver());
        return this;
    }

    public synchronized DeliveryRecorder image(DeliveryRecord.Image value) {
        this.image = value;
        return this;
    }

    public synchronized DeliveryRecorder target(DeliveryRecord.Target value) {
        this.target = value == null ? null : new DeliveryRecord.Target(value.cluster(), value.namespace(),
                withoutUserInfo(value.repository()), value.branch(), value.path());
        return this;
    }

    public synchronized DeliveryRecorder addChanges(List<Change> more) {
        changes.addAll(more);
        return this;
    }

    public synchronized DeliveryRecorder commit(DeliveryRecord.Commit value) {
        this.commit = value == null ? null : new DeliveryRecord.Commit(value.id(), withoutUserInfo(value.url()));
        return this;
    }

    public synchronized DeliveryRecorder pullRequest(DeliveryRecord.PullRequest value) {
        this.pullRequest = value == null ? null : new DeliveryRecord.PullRequest(value.number(), withoutUserInfo(value.url()));
        return this;
    }

    /** Adds a link; a second link with the same {@code rel} and URL is ignored. */
    public synchronized DeliveryRecorder link(String rel, String title, String url) {
        DeliveryRecord.Link link = new DeliveryRecord.Link(requireText(rel, "rel"), title, withoutUserInfo(requireText(url, "url")));
        if (links.stream().noneMatch(l -> l.rel().equals(link.rel()) && l.url().equals(link.url()))) {
            links.add(link);
        }
        return this;
    }

    /**
     * The URL without {@code user:password@}: a Git remote or build URL can carry a token, and a record is
     * shown to everyone who can read the job.
     */
    static String withoutUserInfo(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() == null || uri.getRawAuthority() == null) {
                return url;
            }
            String authority = uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
            return new URI(uri.getScheme() + "://" + authority + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment())).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException notAUri) {
            // scp-like Git remotes (git@host:org/repo.git) carry no password; anything else unparsable is cut at '@'
            int at = url.lastIndexOf('@');
            int scheme = url.indexOf("://");
            return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int latestIndexOf(String name) {
        for (int i = phases.size() - 1; i >= 0; i--) {
            if (phases.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }
}
