package dev.slipway.support;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the engine did or saw. The engine never prints: the CLI console, the Jenkins build log and
 * the delivery record each subscribe and render events their own way.
 *
 * @param at      when it happened
 * @param phase   which part of the delivery emitted it
 * @param kind    what sort of event it is
 * @param subject what it is about, e.g. a blob digest, a file, {@code Deployment/shop/web}; may be empty
 * @param message one human-readable line, secrets already masked
 * @param done    progress so far (bytes, objects, replicas), or -1 when not a progress event
 * @param total   the amount {@code done} counts towards, or -1 when unknown
 */
public record Event(Instant at, Phase phase, Kind kind, String subject, String message, long done, long total)
        implements Serializable {

    public Event {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
    }

    public enum Kind { STARTED, PROGRESS, INFO, WARNING, FINISHED, FAILED }

    /** The parts of a delivery, in the order they run. */
    public enum Phase { LOGIN, BUILD, PUSH, COPY, PLAN, DEPLOY, UPDATE, COMMIT, PULL_REQUEST, WAIT, ROLLBACK, PRUNE, DELIVER }

    public Event withMessage(String newMessage) {
        return new Event(at, phase, kind, subject, newMessage, done, total);
    }

    public boolean isProgress() {
        return done >= 0;
    }
}
