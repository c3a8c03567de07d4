package dev.slipway.kube;

import dev.slipway.support.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * A kubeconfig written only for the user's own tools (kubectl, helm inside a {@code withAks} block): created
 * with mode 600 before any byte is written, and deleted on {@link #close()}, which callers run in a
 * {@code finally} (try-with-resources). Slipway's own requests never need it.
 */
public final class TemporaryKubeconfig implements AutoCloseable {
    private final Path file;

    private TemporaryKubeconfig(Path file) {
        this.file = file;
    }

    public static TemporaryKubeconfig write(Path folder, Secret kubeconfig) {
        Path file = folder.resolve("kubeconfig-" + UUID.randomUUID());
        try {
            Files.createDirectories(folder);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                file.toFile().setWritable(true, true);
            }
            Files.writeString(file, kubeconfig.reveal(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return new TemporaryKubeconfig(file);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("a temporary kubeconfig name was taken: " + file.getFileName(), e);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the original failure matters more
            }
            throw new UncheckedIOException("cannot write a temporary kubeconfig in " + folder, e);
        }
    }

    public Path path() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary kubeconfig " + file, e);
        }
    }
}
