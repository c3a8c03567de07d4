package dev.slipway.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds builder programs on the agent's {@code PATH}. */
final class Executables {
    private Executables() {}

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null || path.isBlank()) {
            path = "/usr/local/bin:/usr/bin:/bin";
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
