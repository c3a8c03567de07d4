import dev.slipway.cli.SlipwayCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one slipway command several times in one JVM, as a Jenkins agent runs the engine for every build (the
 * steps call it in-process), and writes each run's wall time in seconds to TIMES, one per line. "%N" in the
 * arguments becomes the run's number (a new image tag and build number each time). Used by bench/gitops.sh:
 *   java -cp slipway.jar bench/InProcessUpdates.java TIMES RUNS gitops update ... --image repo:t%N --build-number 10%N
 */
public final class InProcessUpdates {
    public static void main(String[] args) throws IOException {
        Path times = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        List<String> command = Arrays.asList(args).subList(2, args.length);
        for (int run = 1; run <= runs; run++) {
            String number = String.valueOf(run);
            String[] arguments = command.stream().map(a -> a.replace("%N", number)).toArray(String[]::new);
            long start = System.nanoTime();
            int exit = SlipwayCommand.newCommandLine().execute(arguments);
            long end = System.nanoTime();
            if (exit != 0) {
                System.err.println("run " + run + " exited with " + exit);
                System.exit(exit);
            }
            Files.writeString(times, String.format("%.3f%n", (end - start) / 1e9), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
