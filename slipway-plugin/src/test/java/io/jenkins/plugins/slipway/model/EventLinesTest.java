package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventLinesTest {
    private static Event event(Event.Phase phase, Event.Kind kind, String message, long done, long total) {
        return new Event(Instant.EPOCH, phase, kind, "subject", message, done, total);
    }

    @Test
    void eachEventIsOneLineNamedByItsPhaseWithWarningsAndFailuresMarked() {
        assertThat(EventLines.line(event(Event.Phase.BUILD, Event.Kind.STARTED, "building", -1, -1)))
                .contains("[slipway build] building");
        assertThat(EventLines.line(event(Event.Phase.PULL_REQUEST, Event.Kind.WARNING, "slow", -1, -1)))
                .contains("[slipway pull request] WARNING: slow");
        assertThat(EventLines.line(event(Event.Phase.PUSH, Event.Kind.FAILED, "refused", -1, -1)))
                .contains("[slipway push] FAILED: refused");
    }

    @Test
    void progressInTheMiddleOfATransferIsLeftOutButItsEndIsShown() {
        assertThat(EventLines.line(event(Event.Phase.PUSH, Event.Kind.PROGRESS, "blob", 10, 100))).isEmpty();
        assertThat(EventLines.line(event(Event.Phase.PUSH, Event.Kind.PROGRESS, "blob done", 100, 100)))
                .contains("[slipway push] blob done");
    }
}
