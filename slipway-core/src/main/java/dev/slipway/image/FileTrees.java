package dev.slipway.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting folders the engine created (scratch folders, staging layouts). */
final class FileTrees {
    private FileTrees() {}

    /** Deletes {@code root} and everything below it, without following symbolic links; leftovers stay silently. */
    static void deleteQuietly(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException leftover) {
                    // the caller checks whether the root is gone
                }
            });
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            // the caller checks whether the root is gone
        }
    }
}
