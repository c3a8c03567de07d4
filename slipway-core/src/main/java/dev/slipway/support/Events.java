package dev.slipway.support;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where engine code emits events. Masks every registered secret in subjects and messages before any
 * subscriber sees them, and isolates subscribers from each other's failures.
 */
public final class Events {
    private final Clock clock;
    private final SecretMasker masker;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    public Events(Clock clock, SecretMasker masker) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    public static Events silent() {
        return new Events(Clock.systemUTC(), new SecretMasker());
    }

    public Events subscribe(EventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public SecretMasker masker() {
        return masker;
    }

    public Clock clock() {
        return clock;
    }

    public void started(Event.Phase phase, String subject, String message) {
        emit(phase, Event.Kind.STARTED, subject, message, -1, -1);
    }

    public void info(Event.Phase phase, String subject, String message) {
        emit(phase, Event.Kind.INFO, subject, message, -1, -1);
    }

    public void warning(Event.Phase phase, String subject, String message) {
        emit(phase, Event.Kind.WARNING, subject, message, -1, -1);
    }

    public void progress(Event.Phase phase, String subject, String message, long done, long total) {
        emit(phase, Event.Kind.PROGRESS, subject, message, Math.max(done, 0), total);
    }

    public void finished(Event.Phase phase, String subject, String message) {
        emit(phase, Event.Kind.FINISHED, subject, message, -1, -1);
    }

    public void failed(Event.Phase phase, String subject, String message) {
        emit(phase, Event.Kind.FAILED, subject, message, -1, -1);
    }

    private void emit(Event.Phase phase, Event.Kind kind, String subject, String message, long done, long total) {
        Event event = new Event(clock.instant(), phase, kind, masker.mask(subject), masker.mask(message), done, total);
        for (EventListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException subscriberBug) {
                // one broken subscriber must not stop the delivery or starve the others
            }
        }
    }
}
