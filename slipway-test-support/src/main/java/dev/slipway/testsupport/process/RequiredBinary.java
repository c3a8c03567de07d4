package dev.slipway.testsupport.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A program a test server needs. A missing one fails the test with the apt-get command that installs
 * it: real servers are never skipped silently.
 */
public record RequiredBinary(String name, String debianPackage, List<Path> extraLocations) {

    public static RequiredBinary of(String name, String debianPackage, String... extraLocations) {
        return new RequiredBinary(name, debianPackage, Stream.of(extraLocations).map(Path::of).toList());
    }

    /** The absolute path of the program, or an {@link IllegalStateException} saying how to install it. */
    public Path require() {
        return find().orElseThrow(() -> new IllegalStateException(
                "'" + name + "' is not installed; the tests need it. Install it with: "
                        + "apt-get install -y " + debianPackage + "   (.ci/run does this)"));
    }

    public Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        Stream<Path> onPath = Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(dir -> Path.of(dir, name));
        Stream<Path> system = Stream.of("/usr/sbin", "/sbin", "/usr/local/sbin").map(dir -> Path.of(dir, name));
        return Stream.of(onPath, system, extraLocations.stream())
                .flatMap(s -> s)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
