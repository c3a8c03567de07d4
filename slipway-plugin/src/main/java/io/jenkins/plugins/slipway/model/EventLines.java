package io.jenkins.plugins.slipway.model;

import dev.slipway.support.Event;
import java.util.Locale;
import java.util.Optional;

/**
 * How engine events read in the Jenkins build log: one line each, {@code [slipway build] message}. Progress in the
 * middle of a transfer is left out (the start and end of each blob say enough). Messages arrive masked by the engine.
 */
public final class EventLines {
    private EventLines() {
    }

    public static Optional<String> line(Event event) {
        if (event.isProgress() && event.total() > 0 && event.done() < event.total()) {
            return Optional.empty();
        }
        String marker = switch (event.kind()) {
            case WARNING -> " WARNING:";
            case FAILED -> " FAILED:";
            default -> "";
        };
        return Optional.of("[slipway " + event.phase().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "]" + marker
                + " " + event.message());
    }
}
