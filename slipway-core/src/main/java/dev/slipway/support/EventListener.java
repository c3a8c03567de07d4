package dev.slipway.support;

/** A subscriber to engine events. Implementations must be quick and must not throw. */
@FunctionalInterface
public interface EventListener {
    void on(Event event);

    EventListener NONE = event -> { };
}
