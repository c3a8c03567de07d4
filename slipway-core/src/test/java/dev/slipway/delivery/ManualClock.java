package dev.slipway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, optionally also by a fixed step at every reading, so times are exact. */
final class ManualClock extends Clock {
    private final Duration stepPerReading;
    private Instant now;

    ManualClock(Instant start, Duration stepPerReading) {
        this.now = start;
        this.stepPerReading = stepPerReading;
    }

    synchronized void advance(int seconds) {
        now = now.plusSeconds(seconds);
    }

    @Override
    public synchronized Instant instant() {
        Instant at = now;
        now = now.plus(stepPerReading);
        return at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
