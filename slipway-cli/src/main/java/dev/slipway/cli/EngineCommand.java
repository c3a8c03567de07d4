package dev.slipway.cli;

import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.RolloutFailedException;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.DeadlineExceededException;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every engine-backed command shares, so a new subcommand gets it by extending this class: the exit codes
 * (0 ok, 1 failed, 2 usage, 3 auth, 4 timeout), {@code -o json|text}, the workspace every input path is confined
 * to, progress on stderr ({@link ConsoleProgress}), secrets masked in everything printed, and errors printed once,
 * with their fix. A subclass implements {@link #run} and hands its result to {@link #result}; it never prints the
 * result itself, so JSON mode keeps stdout to one document.
 */
abstract class EngineCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int TIMEOUT = 4;

    static final String STDERR_TERMINAL_PROPERTY = "slipway.stderr.terminal";

    enum OutputFormat { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json: stdout holds one JSON document, the"
                    + " result or the error ({\"error\":{kind,field,message,fix},\"exitCode\":N}); progress stays on stderr.")
    OutputFormat output = OutputFormat.text;

    @Option(names = "--no-progress",
            description = "Plain timestamped progress lines even on a terminal (they are plain anyway when stderr is not a"
                    + " terminal or CI is set).")
    boolean noProgress;

    @Option(names = "--workspace", defaultValue = ".", paramLabel = "DIR",
            description = "Folder input paths are resolved against and must stay inside (default: the current folder).")
    Path workspace = Path.of(".");

    /** The environment secrets and defaults are read from; tests replace it. */
    Map<String, String> environment = System.getenv();
    InputStream stdin = System.in;
    /** {@link #stdin} as the one reader of a secret piped in, made anew for each run of the command. */
    SecretSources.StandardInput standardInput;
    /** Whether stderr is a terminal a progress line can be redrawn on; tests replace it. */
    boolean terminal = stderrIsTerminal();

    private Object result;
    private String resultText;

    @Override
    public final Integer call() {
        standardInput = new SecretSources.StandardInput(stdin);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SecretMasker masker = new SecretMasker();
        boolean redraw = terminal && !noProgress && !isCi(environment);
        ConsoleProgress progress = ConsoleProgress.create(err, redraw, Clock.systemUTC());
        Events events = new Events(Clock.systemUTC(), masker).subscribe(event -> {
            if (output == OutputFormat.text && printsOnStdout(event)) {
                out.println(ConsoleProgress.plainLine(event, false));
                out.flush();
            } else {
                progress.on(event);
            }
        });
        ScheduledExecutorService ticker = redraw ? startTicker(progress) : null;
        int exit;
        SlipwayException error = null;
        try {
            // the proxy of HTTPS_PROXY / NO_PROXY for every command; push, copy and login add --proxy and --ca-file
            exit = run(new TransportOptions().apply(new EngineContext(workspace, events), environment));
        } catch (SlipwayException e) {
            error = e;
            exit = exitCodeFor(e);
        } catch (java.io.UncheckedIOException e) {
            error = new SlipwayException(String.valueOf(e.getMessage()), "check the paths and permissions involved", e);
            exit = FAILED;
        } catch (RuntimeException e) {
            error = new SlipwayException("unexpected error: " + e, "please report it with the command line (without secrets)", e);
            exit = FAILED;
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            progress.close();
        }
        if (output == OutputFormat.json) {
            out.println(masker.mask(error != null ? JsonOutput.error(error, exit) : JsonOutput.result(result, exit)));
        } else if (error != null) {
            err.println("slipway " + commandPath() + ": " + masker.mask(error.describe()));
        } else if (resultText != null && !resultText.isEmpty()) {
            out.println(masker.mask(resultText));
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** Does the command's work; secrets it reads are registered with {@code context.events().masker()}. */
    abstract int run(EngineContext context);

    /** The command's result: serialized as JSON with {@code -o json}, else {@code text} on stdout. */
    void result(Object value, String text) {
        result = value;
        resultText = text;
    }

    /** Events that are part of the result in text mode (e.g. a plan) go to stdout; in JSON mode the result holds them. */
    boolean printsOnStdout(Event event) {
        return false;
    }

    /** The exit code of an error this command ran into; a command may refine the mapping. */
    int exitCodeFor(SlipwayException e) {
        return exitCode(e);
    }

    /** The mapping of every command: bad input 2, refused credentials 3, deadlines 4, anything else 1. */
    static int exitCode(SlipwayException e) {
        if (e instanceof InvalidInputException) {
            return USAGE;
        }
        if (e instanceof AuthenticationException) {
            return AUTH;
        }
        if (e instanceof DeadlineExceededException || e instanceof RolloutFailedException r && r.deadlineExceeded()) {
            return TIMEOUT;
        }
        return FAILED;
    }

    /** {@code CI} (GitHub Actions, GitLab, Azure Pipelines' TF_BUILD, most others) or Jenkins' {@code JENKINS_URL}. */
    static boolean isCi(Map<String, String> environment) {
        return notBlank(environment.get("CI")) || notBlank(environment.get("TF_BUILD")) || notBlank(environment.get("JENKINS_URL"));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false");
    }

    /**
     * The launcher tells ({@code [ -t 2 ]}: Java cannot ask about stderr itself); without it, {@link System#console()},
     * which is there when stdin and stdout are a terminal.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_TERMINAL_PROPERTY);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    private static ScheduledExecutorService startTicker(ConsoleProgress progress) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slipway-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(progress::tick, 250, 250, TimeUnit.MILLISECONDS);
        return ticker;
    }

    private String commandPath() {
        String qualified = spec.qualifiedName(" ");
        return qualified.startsWith("slipway ") ? qualified.substring("slipway ".length()) : qualified;
    }

    /** The tag written in an image option (e.g. {@code --image repo:1.0}) followed by the {@code --tag}s. */
    static List<String> tagsOf(ImageRef image, List<String> tags) {
        List<String> all = new ArrayList<>();
        image.tag().ifPresent(all::add);
        all.addAll(tags);
        return all;
    }
}
