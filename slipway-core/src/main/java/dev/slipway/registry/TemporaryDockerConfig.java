package dev.slipway.registry;

import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private Docker config ({@code config.json} with one {@code auths} entry) in a fresh temp folder, readable only
 * by its owner (folder 700, file 600), for docker ({@code DOCKER_CONFIG}), buildah and skopeo
 * ({@code REGISTRY_AUTH_FILE}). {@link #close()} deletes it; use it in try-with-resources so a failing tool
 * leaves nothing behind.
 */
public final class TemporaryDockerConfig implements AutoCloseable {
    private final Path folder;
    private final Path file;

    private TemporaryDockerConfig(Path folder, Path file) {
        this.folder = folder;
        this.file = file;
    }

    public static TemporaryDockerConfig write(RegistryLogin.LoginCredentials credentials) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("slipway-login-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = folder.resolve("config.json");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            String auth = Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password().reveal())
                    .getBytes(StandardCharsets.UTF_8));
            String json = "{\"auths\":{\"" + credentials.registry().replace("\"", "") + "\":{\"auth\":\"" + auth + "\"}}}\n";
            Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return new TemporaryDockerConfig(folder, file);
        } catch (IOException e) {
            deleteFolder(folder);
            throw new SlipwayException("cannot write a private Docker config: " + e.getMessage(),
                    "check that the temp folder (java.io.tmpdir) is writable");
        }
    }

    /** The folder, for {@code DOCKER_CONFIG}. */
    public Path folder() {
        return folder;
    }

    /** The {@code config.json}, for {@code REGISTRY_AUTH_FILE} and {@code --authfile}. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        deleteFolder(folder);
    }

    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary Docker config " + folder, e);
        }
    }
}
