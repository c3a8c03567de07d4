package dev.slipway.sync;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/** Events captured for assertions, and a helper that changes the world while a wait runs. */
final class WaitTestSupport {
    final List<Event> seen = new CopyOnWriteArrayList<>();
    final Events events = new Events(Clock.systemUTC(), new SecretMasker()).subscribe(seen::add);
    final HttpClient http = HttpClient.newBuilder().build();

    String transcript() {
        StringBuilder text = new StringBuilder();
        seen.forEach(e -> text.append(e.kind()).append(' ').append(e.subject()).append(": ").append(e.message()).append('\n'));
        return text.toString();
    }

    /**
     * Runs {@code action} on another thread once {@code count} reaches {@code atLeast} (the waiter has looked
     * that often). Bounded so that a broken waiter fails the test rather than hanging it.
     */
    static Thread when(IntSupplier count, int atLeast, Runnable action) {
        Thread thread = new Thread(() -> {
            long giveUp = System.nanoTime() + 30_000_000_000L;
            while (count.getAsInt() < atLeast && System.nanoTime() < giveUp) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            action.run();
        }, "test-driver");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
