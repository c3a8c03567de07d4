package dev.slipway.image;

import dev.slipway.support.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Resolves user paths (strings, relative to the workspace) and confines them to it: {@code ..} and symbolic
 * links that lead outside are refused, because a Dockerfile or context from outside the workspace is a build of
 * something else (and a secret file from outside is a file the job was not given). Absolute paths are accepted
 * only when they lie inside.
 */
public final class WorkspacePaths {
    private final Path workspace;
    private final List<Path> extraRoots;

    /** Paths confined to {@code workspace}, and to {@code extraRoots} where a method says so. */
    public WorkspacePaths(Path workspace, List<Path> extraRoots) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.extraRoots = extraRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
    }

    public static WorkspacePaths of(Path workspace) {
        return new WorkspacePaths(workspace, List.of());
    }

    public Path workspace() {
        return workspace;
    }

    /** Jenkins' temp folder of a workspace ({@code <workspace>@tmp}), where it writes secret files for a build. */
    public static Path jenkinsTempFolder(Path workspace) {
        Path absolute = workspace.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + "@tmp");
    }

    /** An existing folder inside the workspace. */
    public Path existingFolder(String field, String value) {
        Path path = existing(field, value, List.of(workspace));
        if (!Files.isDirectory(path)) {
            throw new InvalidInputException(field, "'" + value + "' is not a folder", "give the folder that holds the build context");
        }
        return path;
    }

    /** An existing regular file inside the workspace. */
    public Path existingFile(String field, String value) {
        return existingFile(field, value, List.of(workspace));
    }

    /** An existing regular file inside the workspace or one of the extra roots. */
    public Path existingFileInAnyRoot(String field, String value) {
        List<Path> roots = new java.util.ArrayList<>(List.of(workspace));
        roots.addAll(extraRoots);
        return existingFile(field, value, roots);
    }

    private Path existingFile(String field, String value, List<Path> roots) {
        Path path = existing(field, value, roots);
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(field, "'" + value + "' is not a file", "give the path of a file");
        }
        return path;
    }

    /**
     * A folder to write to: inside the workspace, not the workspace itself, its parents created; the folder
     * itself need not exist.
     */
    public Path outputFolder(String field, String value) {
        Path path = lexical(field, value, List.of(workspace));
        if (path.equals(workspace)) {
            throw new InvalidInputException(field, "'" + value + "' is the workspace itself",
                    "give a folder inside the workspace, e.g. " + BuildRequest.DEFAULT_OUTPUT_LAYOUT);
        }
        try {
            Files.createDirectories(path.getParent());
            Path realParent = path.getParent().toRealPath();
            if (!realParent.startsWith(workspace.toRealPath())) {
                throw outside(field, value, "through a symbolic link");
            }
            if (Files.isSymbolicLink(path)) {
                throw new InvalidInputException(field, "'" + value + "' is a symbolic link",
                        "give a plain folder inside the workspace; Slipway replaces the folder it writes");
            }
            return realParent.resolve(path.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the parent folders of " + value, e);
        }
    }

    private Path existing(String field, String value, List<Path> roots) {
        Path path = lexical(field, value, roots);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(field, "'" + value + "' does not exist in the workspace",
                    "check the path; it is relative to the workspace " + workspace);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(field, "'" + value + "' is a symbolic link to something that does not exist",
                    "point the link at a file inside the workspace, or give the real path");
        }
        if (!insideAny(real, realRoots(roots))) {
            throw outside(field, value, "through a symbolic link (to " + real + ")");
        }
        return real;
    }

    private Path lexical(String field, String value, List<Path> roots) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "no path given", "give a path relative to the workspace");
        }
        Path given;
        try {
            given = Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a valid path: " + e.getReason(),
                    "give a path relative to the workspace");
        }
        Path path = (given.isAbsolute() ? given : workspace.resolve(given)).normalize();
        if (!insideAny(path, roots)) {
            throw outside(field, value, given.isAbsolute() ? "" : "with '..'");
        }
        return path;
    }

    private static boolean insideAny(Path path, List<Path> roots) {
        return roots.stream().anyMatch(path::startsWith);
    }

    private static List<Path> realRoots(List<Path> roots) {
        return roots.stream().map(root -> {
            try {
                return root.toRealPath();
            } catch (IOException e) {
                return root;
            }
        }).toList();
    }

    private InvalidInputException outside(String field, String value, String how) {
        return new InvalidInputException(field, "'" + value + "' leads outside the workspace" + (how.isEmpty() ? "" : " " + how),
                "keep the Dockerfile, build context and secret files inside the workspace " + workspace
                        + " (check out or copy them there)");
    }
}
