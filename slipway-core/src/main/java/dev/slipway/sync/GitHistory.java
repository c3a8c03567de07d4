package dev.slipway.sync;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import dev.slipway.gitops.GitHttpConnections;
import dev.slipway.support.NetworkSettings;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Decides "is this revision our commit or a descendant of it" from the GitOps repository's history: a
 * shallow bare clone of the followed branch in a private temporary folder, deepened step by step
 * ({@code fetch --depth}) until both commits are present and the walk reaches our commit or the history is
 * complete. Answers are remembered per revision. Closing it removes the clone.
 */
final class GitHistory implements Ancestry, AutoCloseable {
    private static final int[] DEPTHS = {1, 50, 500};

    private final String url;
    private final String branch;
    private final GitAuth auth;
    private final SecretMasker masker;
    private final GitHttpConnections http;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();
    private Path directory;
    private Git git;
    private int depthStep;
    private boolean complete;

    GitHistory(String url, String branch, GitAuth auth, SecretMasker masker, NetworkSettings network) {
        this.http = new GitHttpConnections(network);
        this.url = url;
        this.branch = branch == null || branch.isBlank() ? "main" : branch;
        this.auth = auth;
        this.masker = masker;
        if (auth instanceof GitAuth.UsernamePassword basic) {
            masker.register(basic.password());
        }
    }

    @Override
    public synchronized boolean carries(String revision, String commit) {
        if (Ancestry.sameCommit(revision, commit)) {
            return true;
        }
        return answers.computeIfAbsent(revision + ".." + commit, key -> decide(revision, commit));
    }

    private boolean decide(String revision, String commit) {
        try {
            boolean refetched = false;
            while (true) {
                if (git == null) {
                    cloneShallow();
                }
                Repository repository = git.getRepository();
                ObjectId tip = resolve(repository, revision);
                ObjectId base = resolve(repository, commit);
                if (tip != null && base != null) {
                    try (RevWalk walk = new RevWalk(repository)) {
                        RevCommit tipCommit = walk.parseCommit(tip);
                        RevCommit baseCommit = walk.parseCommit(base);
                        if (walk.isMergedInto(baseCommit, tipCommit)) {
                            return true;
                        }
                    }
                }
                if (complete && (tip != null || refetched)) {
                    return false;
                }
                if (complete) {
                    refetched = true; // a revision pushed after our fetch: fetch once more
                }
                deepen();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of " + url, e);
        }
    }

    private static ObjectId resolve(Repository repository, String id) throws IOException {
        try {
            ObjectId resolved = repository.resolve(id + "^{commit}");
            return resolved;
        } catch (org.eclipse.jgit.errors.AmbiguousObjectException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            return null;
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return null;
        }
    }

    private void cloneShallow() {
        if (auth instanceof GitAuth.SshKey) {
            throw new InvalidInputException("repository", "a revision other than our commit must be checked against the"
                    + " history, and reading it over SSH is not supported by the wait yet",
                    "give the repository's https:// URL with a user name and token for the wait");
        }
        try {
            directory = Files.createTempDirectory("slipway-history-");
            git = configure(Git.cloneRepository().setURI(url).setBare(true).setDirectory(directory.toFile())
                    .setBranch(branch).setBranchesToClone(List.of("refs/heads/" + branch)).setDepth(DEPTHS[0])).call();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the history of " + url, e);
        } catch (GitAPIException | RuntimeException e) {
            throw explain("clone", e);
        }
    }

    /** One step deeper; after the last step the whole history. */
    private void deepen() {
        depthStep++;
        try {
            var fetch = configure(git.fetch().setRemote("origin")
                    .setRefSpecs("+refs/heads/" + branch + ":refs/heads/" + branch));
            if (complete) {
                // full history already: a plain fetch brings new commits
            } else if (depthStep < DEPTHS.length) {
                fetch.setDepth(DEPTHS[depthStep]);
            } else {
                fetch.setUnshallow(true);
                complete = true;
            }
            fetch.call();
            if (git.getRepository().getObjectDatabase().getShallowCommits().isEmpty()) {
                complete = true;
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw explain("fetch", e);
        }
    }

    private <C extends TransportCommand<C, ?>> C configure(C command) {
        if (auth instanceof GitAuth.UsernamePassword basic) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(basic.username(), basic.password().reveal()));
        }
        return http.applyTo(command, null);
    }

    private RuntimeException explain(String action, Exception failure) {
        StringBuilder detail = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && detail.indexOf(t.getMessage()) < 0) {
                detail.append(detail.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        String text = masker.mask(detail.toString());
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("401")) {
            return new AuthenticationException("Git " + action + " of " + url + " (to read its history) was refused: " + text,
                    "check the Git credential of the wait: it needs read access to the GitOps repository");
        }
        return new SyncException("Git " + action + " of " + url + " (to read its history) failed: " + text,
                "check the repository URL and branch, and that the server is reachable from here");
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary clone of a repository the user can read anyway
            }
        }
    }
}
