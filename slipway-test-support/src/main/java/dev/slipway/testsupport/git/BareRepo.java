package dev.slipway.testsupport.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bare repository served by a {@link GitServer}. Seeding goes through the server with the git CLI
 * (clone, commit, push); reading looks into the bare repository directly.
 */
public final class BareRepo {
    private final String name;
    private final Path directory;
    private final String url;
    private final GitCli remoteGit;
    private final GitCli localGit = new GitCli(Map.of());

    BareRepo(String name, Path directory, String url, GitCli remoteGit) {
        this.name = name;
        this.directory = directory;
        this.url = url;
        this.remoteGit = remoteGit;
    }

    /** One commit of the log, newest first in {@link #log(String)}. */
    public record Commit(String sha, String subject) {}

    public String name() {
        return name;
    }

    /** The bare repository on disk (for assertions; clients should use {@link #url()}). */
    public Path directory() {
        return directory;
    }

    /** The clone URL on the server. */
    public String url() {
        return url;
    }

    /**
     * Clones through the server, writes {@code files} (path relative to the repo root → UTF-8 content)
     * on {@code branch}, commits them and pushes. Returns the new commit's SHA.
     */
    public String seed(String branch, Map<String, String> files, String message) {
        try {
            Path work = Files.createTempDirectory("slipway-seed-");
            try {
                remoteGit.run(work, "clone", "--quiet", url, "w");
                Path tree = work.resolve("w");
                // the clone knows the remote branches already: no second connection to the server
                boolean branchExists = !localGit.run(tree, "branch", "--remotes", "--list", "origin/" + branch).isBlank();
                if (branchExists) {
                    localGit.run(tree, "checkout", "--quiet", branch);
                } else {
                    localGit.run(tree, "checkout", "--quiet", "--orphan", branch);
                }
                for (Map.Entry<String, String> file : files.entrySet()) {
                    Path target = tree.resolve(file.getKey()).normalize();
                    if (!target.startsWith(tree) || target.startsWith(tree.resolve(".git"))) {
                        throw new IllegalArgumentException("seed file path must stay inside the work tree: " + file.getKey());
                    }
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue());
                }
                localGit.run(tree, "add", "--all");
                localGit.run(tree, "commit", "--quiet", "--allow-empty", "-m", message);
                remoteGit.run(tree, "push", "--quiet", "origin", "HEAD:refs/heads/" + branch);
                return localGit.run(tree, "rev-parse", "HEAD").trim();
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seed " + name, e);
        }
    }

    /** The content of {@code path} at {@code ref} (branch, tag or SHA), read from the bare repository. */
    public String readFile(String ref, String path) {
        return localGit.run(directory, "show", ref + ":" + path);
    }

    /** The commit {@code ref} points to. */
    public String head(String ref) {
        return localGit.run(directory, "rev-parse", "--verify", ref + "^{commit}").trim();
    }

    /** The commits reachable from {@code ref}, newest first. */
    public List<Commit> log(String ref) {
        return localGit.run(directory, "log", "--format=%H %s", ref).lines()
                .map(line -> new Commit(line.substring(0, 40), line.length() > 41 ? line.substring(41) : ""))
                .toList();
    }

    /** The full message (subject, body, trailers) of {@code ref}'s commit. */
    public String message(String ref) {
        return localGit.run(directory, "log", "-1", "--format=%B", ref);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return "BareRepo[" + name + " at " + url + "]";
    }
}
