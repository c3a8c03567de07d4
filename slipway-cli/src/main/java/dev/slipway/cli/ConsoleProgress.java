package dev.slipway.cli;

import dev.slipway.support.Event;
import dev.slipway.support.EventListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Engine events on stderr, two ways. {@link Plain} (CI logs, pipes, {@code --no-progress}): one timestamped line per
 * event, no carriage returns, and of a blob's byte progress only its start and end. {@link Redrawn} (a terminal):
 * the same lines for what happened, plus one status line per phase redrawn in place: bytes uploaded of all layers
 * for push and copy, else a spinner, the latest message and the time the phase has taken.
 */
abstract sealed class ConsoleProgress implements EventListener, AutoCloseable {
    final PrintWriter err;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    static ConsoleProgress create(PrintWriter err, boolean terminal, Clock clock) {
        return terminal ? new Redrawn(err, clock, width()) : new Plain(err);
    }

    /** Redraws the status line (spinner, elapsed time) while no event arrives; called by a timer on a terminal. */
    void tick() {
    }

    @Override
    public void close() {
        err.flush();
    }

    /** {@code [phase] subject: message}, {@code warning: } in front of warnings; with the event's time when asked. */
    static String plainLine(Event event, boolean timestamp) {
        // a blob digest as subject is left out: the message names its short form
        boolean quiet = event.subject().isEmpty() || event.subject().startsWith("sha256:") || event.message().contains(event.subject());
        String subject = quiet ? "" : event.subject() + ": ";
        String line = "[" + event.phase().name().toLowerCase(Locale.ROOT) + "] " + subject + event.message();
        line = event.kind() == Event.Kind.WARNING ? "warning: " + line : line;
        return timestamp ? event.at().truncatedTo(ChronoUnit.SECONDS) + " " + line : line;
    }

    /** Progress between a blob's start and end: redrawn on a terminal, left out of logs. */
    static boolean isIntermediate(Event event) {
        return event.isProgress() && event.total() > 0 && event.done() > 0 && event.done() < event.total();
    }

    private static int width() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 100 : Math.max(40, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** One line per event with its UTC time, for logs. */
    static final class Plain extends ConsoleProgress {
        Plain(PrintWriter err) {
            super(err);
        }

        @Override
        public synchronized void on(Event event) {
            if (isIntermediate(event) || event.kind() == Event.Kind.FAILED) {
                return; // the error is printed once, with its fix, when the command ends
            }
            err.println(plainLine(event, true));
            err.flush();
        }
    }

    /** Lines for what happened, and below them one status line per phase, redrawn with {@code \r}. */
    static final class Redrawn extends ConsoleProgress {
        private static final String CLEAR_LINE = "\r\033[K";
        private static final String SPINNER = "|/-\\";

        private final Clock clock;
        private final int width;
        private Event.Phase phase;
        private Instant phaseStart;
        private final Map<String, long[]> amounts = new LinkedHashMap<>();
        private String latest = "";
        private int spin;
        private boolean drawn;

        Redrawn(PrintWriter err, Clock clock, int width) {
            super(err);
            this.clock = clock;
            this.width = width;
        }

        @Override
        public synchronized void on(Event event) {
            if (phase != event.phase() && event.kind() != Event.Kind.FINISHED) {
                begin(event);
            }
            switch (event.kind()) {
                case PROGRESS -> {
                    amounts.put(event.subject(), new long[] {event.done(), event.total()});
                    latest = event.message();
                }
                case FAILED -> phase = null; // the error is printed once, with its fix, when the command ends
                case FINISHED -> {
                    if (event.phase() == phase) {
                        permanent(plainLine(event, false) + " (" + seconds(event.at()) + ")");
                        phase = null;
                    } else {
                        permanent(plainLine(event, false));
                    }
                }
                default -> {
                    permanent(plainLine(event, false));
                    latest = event.message();
                }
            }
            draw(event.at());
        }

        @Override
        synchronized void tick() {
            spin++;
            draw(clock.instant());
        }

        @Override
        public synchronized void close() {
            clear();
            super.close();
        }

        private void begin(Event event) {
            phase = event.phase();
            phaseStart = event.at();
            amounts.clear();
            latest = "";
        }

        private void permanent(String line) {
            clear();
            err.println(line);
        }

        private void clear() {
            if (drawn) {
                err.print(CLEAR_LINE);
                drawn = false;
            }
        }

        private void draw(Instant now) {
            if (phase == null) {
                err.flush();
                return;
            }
            String status = "[" + phase.name().toLowerCase(Locale.ROOT) + "] " + SPINNER.charAt(spin % SPINNER.length()) + " "
                    + amount() + latest;
            String elapsed = " " + seconds(now);
            if (status.length() + elapsed.length() > width) {
                status = status.substring(0, Math.max(0, width - elapsed.length() - 1)) + "…";
            }
            err.print(CLEAR_LINE + status + elapsed);
            err.flush();
            drawn = true;
        }

        /** Push and copy: bytes of all blobs so far; others: the latest count (replicas, objects). */
        private String amount() {
            if (amounts.isEmpty()) {
                return "";
            }
            long done = 0;
            long total = 0;
            for (long[] amount : amounts.values()) {
                done += amount[0];
                total += Math.max(amount[1], 0);
            }
            if (phase == Event.Phase.PUSH || phase == Event.Phase.COPY) {
                return bytes(done) + " / " + bytes(total) + (total > 0 ? " (" + (100 * done / total) + "%)" : "") + " · ";
            }
            long[] last = amounts.values().stream().reduce((first, second) -> second).orElseThrow();
            return last[1] > 0 ? last[0] + "/" + last[1] + " · " : "";
        }

        private String seconds(Instant now) {
            long millis = phaseStart == null ? 0 : Math.max(0, Duration.between(phaseStart, now).toMillis());
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }

        static String bytes(long count) {
            if (count < 1024) {
                return count + " B";
            }
            if (count < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KiB", count / 1024.0);
            }
            if (count < 1024L * 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f MiB", count / (1024.0 * 1024));
            }
            return String.format(Locale.ROOT, "%.2f GiB", count / (1024.0 * 1024 * 1024));
        }
    }
}
