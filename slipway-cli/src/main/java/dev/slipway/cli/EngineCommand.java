package dev.slipway.cli;

import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.DeadlineExceededException;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What the engine-backed commands share: the console that renders events (stderr, one line each, progress
 * thinned out), and the exit codes: 0 ok, 1 failed, 2 usage, 3 auth, 4 timeout.
 */
abstract class EngineCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int TIMEOUT = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment secrets are read from; tests replace it. */
    Map<String, String> environment = System.getenv();
    InputStream stdin = System.in;

    private Events events;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        events = Events.silent().subscribe(event -> render(event, err));
        try {
            return run(new EngineContext(Path.of("").toAbsolutePath().getRoot(), events));
        } catch (InvalidInputException e) {
            err.println("slipway: " + events.masker().mask(e.describe()));
            return USAGE;
        } catch (AuthenticationException e) {
            err.println("slipway: " + events.masker().mask(e.describe()));
            return AUTH;
        } catch (DeadlineExceededException e) {
            err.println("slipway: " + events.masker().mask(e.describe()));
            return TIMEOUT;
        } catch (SlipwayException e) {
            err.println("slipway: " + events.masker().mask(e.describe()));
            return FAILED;
        } catch (RuntimeException e) {
            err.println("slipway: unexpected error: " + events.masker().mask(String.valueOf(e)));
            return FAILED;
        } finally {
            err.flush();
        }
    }

    abstract int run(EngineContext context);

    /** The tag written in an image option (e.g. {@code --image repo:1.0}) followed by the {@code --tag}s. */
    static List<String> tagsOf(ImageRef image, List<String> tags) {
        List<String> all = new ArrayList<>();
        image.tag().ifPresent(all::add);
        all.addAll(tags);
        return all;
    }

    /** The result on stdout, alone on its line, for scripts: {@code registry/repository@digest}. */
    void printImage(ImageRef image) {
        spec.commandLine().getOut().println(image.reference());
        spec.commandLine().getOut().flush();
    }

    private static void render(Event event, PrintWriter err) {
        if (event.isProgress() && event.total() > 0 && event.done() < event.total()) {
            return; // the start and end of each blob are enough on a console
        }
        err.println("[" + event.phase().name().toLowerCase(java.util.Locale.ROOT) + "] " + event.message());
    }
}
