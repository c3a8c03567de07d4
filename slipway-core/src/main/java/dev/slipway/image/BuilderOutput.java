package dev.slipway.image;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A builder's output lines: each goes to the build log as an event (secrets masked there), and the tail is kept
 * for error messages, both overall and since the last Dockerfile step began, so a failure shows its own output.
 */
final class BuilderOutput implements Consumer<String> {
    static final int TAIL_LINES = 40;
    /** buildah: {@code STEP 2/3: RUN make} or {@code [1/2] STEP 2/3: ...}; BuildKit plain progress: {@code #7 [2/3] RUN make}. */
    private static final Pattern STEP_START = Pattern.compile("^(\\[\\d+/\\d+] )?STEP \\d+/\\d+: .*|^#\\d+ \\[[^]]*\\d+/\\d+] .*");

    private final Events events;
    private final String subject;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Deque<String> stepTail = new ArrayDeque<>();

    BuilderOutput(Events events, String subject) {
        this.events = events;
        this.subject = subject;
    }

    @Override
    public void accept(String line) {
        events.info(Event.Phase.BUILD, subject, line);
        if (STEP_START.matcher(line).matches()) {
            stepTail.clear();
        }
        keep(tail, line);
        keep(stepTail, line);
    }

    private static void keep(Deque<String> lines, String line) {
        lines.addLast(line);
        if (lines.size() > TAIL_LINES) {
            lines.removeFirst();
        }
    }

    /** The last lines (at most {@value #TAIL_LINES}), secrets masked. */
    String tail() {
        return events.masker().mask(String.join("\n", tail));
    }

    /** The lines since the last step began (at most {@value #TAIL_LINES}), secrets masked. */
    String stepTail() {
        return events.masker().mask(String.join("\n", stepTail));
    }

    /** The last line starting with {@code prefix} (e.g. {@code Error: }), or {@code null}. */
    String lastLineStartingWith(String prefix) {
        List<String> lines = List.copyOf(tail);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return events.masker().mask(lines.get(i));
            }
        }
        return null;
    }
}
