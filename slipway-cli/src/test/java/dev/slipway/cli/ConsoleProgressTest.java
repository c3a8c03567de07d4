package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Both renderings of engine events: plain lines for logs, a redrawn status line for a terminal. */
class ConsoleProgressTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String BLOB_A = "sha256:" + "a".repeat(64);
    static final String BLOB_B = "sha256:" + "b".repeat(64);

    private final StringWriter written = new StringWriter();

    private static Event event(int second, Event.Phase phase, Event.Kind kind, String subject, String message, long done, long total) {
        return new Event(T0.plusSeconds(second), phase, kind, subject, message, done, total);
    }

    private static Event event(int second, Event.Phase phase, Event.Kind kind, String message) {
        return event(second, phase, kind, "", message, -1, -1);
    }

    @Test
    void logsGetOneTimestampedLinePerEventWithoutCarriageReturnsOrIntermediateBytes() {
        ConsoleProgress progress = ConsoleProgress.create(new PrintWriter(written), false, Clock.fixed(T0, ZoneOffset.UTC));

        progress.on(event(0, Event.Phase.PUSH, Event.Kind.STARTED, "pushing layout to r.example/shop/web"));
        progress.on(event(1, Event.Phase.PUSH, Event.Kind.PROGRESS, BLOB_A, "uploading aaaaaaaaaaaa", 0, 2000));
        progress.on(event(2, Event.Phase.PUSH, Event.Kind.PROGRESS, BLOB_A, "uploading aaaaaaaaaaaa", 1000, 2000));
        progress.on(event(3, Event.Phase.PUSH, Event.Kind.PROGRESS, BLOB_A, "uploading aaaaaaaaaaaa", 2000, 2000));
        progress.on(event(4, Event.Phase.DEPLOY, Event.Kind.WARNING, "Deployment/shop/web", "runs a newer build", -1, -1));
        progress.on(event(5, Event.Phase.PUSH, Event.Kind.FAILED, "registry refused the token"));
        progress.close();

        assertThat(written.toString()).isEqualTo("""
                2026-11-26T10:00:00Z [push] pushing layout to r.example/shop/web
                2026-11-26T10:00:01Z [push] uploading aaaaaaaaaaaa
                2026-11-26T10:00:03Z [push] uploading aaaaaaaaaaaa
                2026-11-26T10:00:04Z warning: [deploy] Deployment/shop/web: runs a newer build
                """).doesNotContain("\r");
    }

    @Test
    void aTerminalGetsTheEventsAsLinesAndOneRedrawnLineWithTheBytesOfAllLayers() {
        ConsoleProgress progress = ConsoleProgress.create(new PrintWriter(written), true, Clock.fixed(T0.plusSeconds(9), ZoneOffset.UTC));

        progress.on(event(0, Event.Phase.PUSH, Event.Kind.STARTED, "pushing layout"));
        progress.on(event(1, Event.Phase.PUSH, Event.Kind.PROGRESS, BLOB_A, "uploading aaaa", 512 * 1024, 1024 * 1024));
        progress.on(event(2, Event.Phase.PUSH, Event.Kind.PROGRESS, BLOB_B, "uploading bbbb", 0, 1024 * 1024));
        String beforeTick = written.toString();
        progress.tick();
        progress.on(event(3, Event.Phase.PUSH, Event.Kind.FINISHED, "pushed r.example/shop/web@sha256:cc"));
        progress.close();

        String all = written.toString();
        assertThat(all).startsWith("[push] pushing layout\n");
        assertThat(beforeTick).endsWith("\r\033[K[push] | 512.0 KiB / 2.0 MiB (25%) · uploading bbbb 2.0s");
        // the timer's tick redraws with the next spinner frame and the clock's elapsed time
        assertThat(all.substring(beforeTick.length())).startsWith("\r\033[K[push] / 512.0 KiB / 2.0 MiB (25%) · uploading bbbb 9.0s");
        assertThat(all).endsWith("\r\033[K[push] pushed r.example/shop/web@sha256:cc (3.0s)\n");
        assertThat(all.split("\n")).hasSize(2);
    }

    @Test
    void phasesWithoutBytesShowTheLatestCountAndMessage() {
        ConsoleProgress progress = ConsoleProgress.create(new PrintWriter(written), true, Clock.fixed(T0, ZoneOffset.UTC));

        progress.on(event(0, Event.Phase.WAIT, Event.Kind.PROGRESS, "Deployment/shop/web", "2 of 3 replicas updated", 2, 3));
        progress.close();

        assertThat(written.toString()).isEqualTo("\r\033[K[wait] | 2/3 · 2 of 3 replicas updated 0.0s\r\033[K");
    }

    @Test
    void theStatusLineIsCutToTheTerminalWidth() {
        ConsoleProgress progress = new ConsoleProgress.Redrawn(new PrintWriter(written), Clock.fixed(T0, ZoneOffset.UTC), 40);

        progress.on(event(0, Event.Phase.WAIT, Event.Kind.PROGRESS, "app", "x".repeat(200), 0, 1));

        String line = written.toString().substring("\r\033[K".length());
        assertThat(line).hasSize(40).endsWith("… 0.0s");
    }

    @Test
    void sizesAreHumanReadable() {
        assertThat(ConsoleProgress.Redrawn.bytes(999)).isEqualTo("999 B");
        assertThat(ConsoleProgress.Redrawn.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ConsoleProgress.Redrawn.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.00 GiB");
    }
}
