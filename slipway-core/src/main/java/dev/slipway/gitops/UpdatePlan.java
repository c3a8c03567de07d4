package dev.slipway.gitops;

import dev.slipway.support.SlipwayException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every edit of an update, computed and verified in memory. {@link #apply} writes all changed files or none:
 * each new content goes to a temporary file beside its target first, and only when all are written are they
 * moved over the originals (an atomic rename per file).
 */
public final class UpdatePlan {
    record PlannedFile(Path file, String relative, byte[] original, byte[] updated) {
    }

    private final List<PlannedFile> files;
    private final UpdateResult result;
    private boolean applied;

    UpdatePlan(List<PlannedFile> files, UpdateResult result) {
        this.files = List.copyOf(files);
        this.result = result;
    }

    public UpdateResult result() {
        return result;
    }

    /** The new content of a changed file (path relative to the root, '/' separated), for previews and tests. */
    public byte[] updatedContent(String relative) {
        return files.stream().filter(f -> f.relative().equals(relative)).findFirst()
                .map(f -> f.updated().clone()).orElse(null);
    }

    /** Writes the changed files. Refuses when any of them changed on disk since it was planned. */
    public synchronized void apply() {
        if (applied) {
            throw new IllegalStateException("this plan was applied already");
        }
        for (PlannedFile planned : files) {
            byte[] now;
            try {
                now = Files.readAllBytes(planned.file());
            } catch (IOException unreadable) {
                throw new ManifestException(planned.relative(), 0, 0, "cannot be read again before writing: " + unreadable.getMessage(),
                        "check the file's permissions; nothing was written");
            }
            if (!Arrays.equals(now, planned.original())) {
                throw new ManifestException(planned.relative(), 0, 0, "changed on disk since the update was planned",
                        "run the update again; nothing was written");
            }
        }
        List<Path> temporaries = new ArrayList<>();
        try {
            for (PlannedFile planned : files) {
                Path temporary = Files.createTempFile(planned.file().getParent(), "." + planned.file().getFileName(), ".slipway-tmp");
                temporaries.add(temporary);
                Files.write(temporary, planned.updated());
                copyPermissions(planned.file(), temporary);
            }
        } catch (IOException | RuntimeException failed) {
            deleteQuietly(temporaries);
            throw new SlipwayException("cannot write the updated manifests: " + failed.getMessage(),
                    "check the folder is writable and has space; nothing was changed", failed);
        }
        for (int i = 0; i < files.size(); i++) {
            Path target = files.get(i).file();
            try {
                try {
                    Files.move(temporaries.get(i), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException notAtomicHere) {
                    Files.move(temporaries.get(i), target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException failed) {
                deleteQuietly(temporaries.subList(i, temporaries.size()));
                throw new SlipwayException("cannot replace " + files.get(i).relative() + ": " + failed.getMessage()
                        + (i > 0 ? " (" + i + " file(s) were already replaced)" : ""),
                        "check the folder is writable; a Git checkout can be reset with git checkout -- .", failed);
            }
        }
        applied = true;
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (source != null) {
            Set<PosixFilePermission> permissions = source.readAttributes().permissions();
            Files.setPosixFilePermissions(to, permissions);
        }
    }

    private static void deleteQuietly(List<Path> paths) {
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort: a leftover temporary file holds only manifest text, and is named for what it is
            }
        }
    }
}
