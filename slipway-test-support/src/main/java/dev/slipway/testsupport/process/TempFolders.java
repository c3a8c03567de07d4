package dev.slipway.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A test server's own temp folder, created fresh and removed with everything in it. */
public final class TempFolders {
    private TempFolders() {}

    /** A new empty folder in the system temp folder, named {@code prefix...}. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder " + prefix, e);
        }
    }

    /** Deletes {@code root} and everything below it, as far as possible (a leftover is not worth failing a test for). */
    public static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
