package dev.slipway.gitops;

import dev.slipway.delivery.Change;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.ConcurrentRefUpdateException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits a GitOps update and pushes it without ever losing one: on a non-fast-forward push it fetches the
 * new head and <em>runs the same logical update again</em> on it (not a text rebase of the old diff), then
 * retries with jittered backoff. A head that already has our values ends it without a commit; a field that
 * someone else changed to another value stops it with nothing pushed; a newer build of the same source
 * already there stops it unless a downgrade is allowed.
 *
 * <p>The clone lives in a cache folder (shallow, single branch); later updates only fetch. It is reset to
 * the remote head before every attempt, so a run that died half-way leaves nothing that breaks the next.
 */
public final class GitOpsCommitter {
    /** How far back the downgrade guard looks for the commit that last set a field. */
    static final int HISTORY_LIMIT = 256;
    /** Connection failures retried in one update before it gives up. */
    static final int MAX_TRANSIENT_FAILURES = 3;

    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path cacheRoot;
    private final Events events;
    private final NetworkSettings network;

    /** Writes the update into a work tree and returns what changed; an empty list means "already up to date". */
    @FunctionalInterface
    public interface WorkTreeUpdate {
        List<Change> apply(Path workTree);
    }

    /**
     * @param commit   the commit that carries the update (ours, or the head that already had it)
     * @param changes  what our commit changed (empty when up to date)
     * @param upToDate no commit was needed
     * @param attempts push attempts made
     */
    public record Outcome(String commit, List<Change> changes, boolean upToDate, int attempts) { }

    public GitOpsCommitter(Path cacheRoot, Events events) {
        this(cacheRoot, events, NetworkSettings.direct());
    }

    /** {@code network}: proxy and trust for Git over HTTP(S). */
    public GitOpsCommitter(Path cacheRoot, Events events, NetworkSettings network) {
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
        this.events = Objects.requireNonNull(events, "events");
        this.network = Objects.requireNonNull(network, "network");
    }

    public Outcome commitAndPush(CommitSpec spec, WorkTreeUpdate update) {
        Path cache = cacheRoot.resolve(cacheKey(spec.repositoryUrl(), spec.branch()));
        ReentrantLock local = IN_PROCESS_LOCKS.computeIfAbsent(cache.toAbsolutePath().normalize(), k -> new ReentrantLock());
        local.lock();
        try (GitTransport transport = GitTransport.open(spec.repositoryUrl(), spec.auth(), events.masker(), network);
                FileChannel lockFile = openLock(cache);
                FileLock ignored = lockFile.lock()) {
            return run(spec, update, cache, transport);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the Git cache " + cache, e);
        } finally {
            local.unlock();
        }
    }

    private Outcome run(CommitSpec spec, WorkTreeUpdate update, Path cache, GitTransport transport) {
        Path workTree = cache.resolve("repo");
        try (Git git = openOrClone(spec, workTree, transport)) {
            Map<String, String> firstSeen = new LinkedHashMap<>();
            ObjectId firstBase = null;
            int transientFailures = 0;
            for (int attempt = 1; attempt <= spec.maxAttempts(); attempt++) {
                try {
                    if (attempt > 1 || git.getRepository().resolve(Constants.HEAD) != null) {
                        fetchAndReset(git, spec, transport, attempt > 1);
                    }
                } catch (TransportException | JGitInternalException e) {
                    if (!(e instanceof TransportException) && !String.valueOf(e.getMessage()).contains("LOCK_FAILURE")) {
                        throw e;
                    }
                    transientFailures = transientOrThrow(spec, transport, e, transientFailures, attempt);
                    continue;
                }
                ObjectId base = git.getRepository().resolve(Constants.HEAD);
                if (firstBase == null) {
                    firstBase = base;
                }
                List<Change> changes = update.apply(workTree);
                if (changes.isEmpty()) {
                    events.info(Phase.COMMIT, spec.repositoryUrl(), "already up to date at " + shortId(base) + ": no commit");
                    return new Outcome(base.name(), List.of(), true, attempt);
                }
                if (attempt == 1) {
                    changes.forEach(c -> firstSeen.put(key(c), c.oldValue()));
                } else {
                    checkNotChangedByOthers(git, spec, changes, firstSeen, firstBase, transport);
                }
                checkDowngrade(git, spec, changes, transport);

                RevCommit commit;
                RemoteRefUpdate.Status status;
                try {
                    commit = commit(git, spec, changes);
                    status = push(git, spec, transport);
                } catch (TransportException | ConcurrentRefUpdateException | JGitInternalException e) {
                    if (!(e instanceof TransportException) && !String.valueOf(e.getMessage()).contains("LOCK_FAILURE")) {
                        throw e;
                    }
                    // the server may or may not have taken it: the next attempt fetches and sees
                    transientFailures = transientOrThrow(spec, transport, e, transientFailures, attempt);
                    continue;
                }
                if (status == RemoteRefUpdate.Status.UP_TO_DATE) {
                    // another pipeline pushed the identical commit (same parent, content, message and second)
                    events.info(Phase.COMMIT, spec.repositoryUrl(), "the same commit " + shortId(commit) + " is already on "
                            + spec.pushBranch() + ": nothing to push");
                    return new Outcome(commit.name(), List.of(), true, attempt);
                }
                if (status == RemoteRefUpdate.Status.OK) {
                    events.finished(Phase.COMMIT, spec.repositoryUrl(), "pushed " + shortId(commit) + " to " + spec.pushBranch()
                            + (attempt > 1 ? " after " + attempt + " attempts" : ""));
                    return new Outcome(commit.name(), changes, false, attempt);
                }
                events.info(Phase.COMMIT, spec.repositoryUrl(), spec.branch() + " moved while pushing (attempt " + attempt
                        + " of " + spec.maxAttempts() + "); fetching and applying the update again");
                sleep(backoff(spec.backoff(), attempt));
            }
            throw new GitOpsException("could not push to " + spec.branch() + " of " + spec.repositoryUrl() + " in "
                    + spec.maxAttempts() + " attempts: the branch kept moving",
                    "retry the delivery; if many pipelines update this branch at once, raise the attempt limit or use pull requests");
        } catch (GitAPIException | IOException e) {
            throw transport.explain("update", e, events.masker());
        }
    }

    /**
     * A dropped connection or a server error is retried a few times with backoff, like a moved branch; a
     * refused credential or host key is not.
     */
    private int transientOrThrow(CommitSpec spec, GitTransport transport, Exception failure, int failures,
            int attempt) {
        RuntimeException explained = transport.explain("update", failure, events.masker());
        if (explained instanceof dev.slipway.support.AuthenticationException || failures + 1 > MAX_TRANSIENT_FAILURES) {
            throw explained;
        }
        events.warning(Phase.COMMIT, spec.repositoryUrl(), "the connection failed (" + explained.getMessage()
                + "); retrying");
        sleep(backoff(spec.backoff(), attempt + 1));
        return failures + 1;
    }

    private Git openOrClone(CommitSpec spec, Path workTree, GitTransport transport) throws GitAPIException, IOException {
        if (Files.isDirectory(workTree.resolve(".git"))) {
            try {
                Repository repository = new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true).build();
                Git git = new Git(repository);
                String url = repository.getConfig().getString("remote", "origin", "url");
                if (spec.repositoryUrl().equals(url)) {
                    events.info(Phase.COMMIT, spec.repositoryUrl(), "using the cached clone; fetching only");
                    return git;
                }
                git.close();
            } catch (IOException | RuntimeException broken) {
                events.warning(Phase.COMMIT, spec.repositoryUrl(), "the cached clone is unusable; cloning again");
            }
            deleteTree(workTree);
        }
        Files.createDirectories(workTree.getParent());
        events.started(Phase.COMMIT, spec.repositoryUrl(), "cloning " + spec.branch() + " (shallow, single branch)");
        try {
            Git git = transport.configure(Git.cloneRepository()
                            .setURI(spec.repositoryUrl())
                            .setBranch(spec.branch())
                            .setBranchesToClone(List.of(Constants.R_HEADS + spec.branch()))
                            .setDepth(1)
                            .setDirectory(workTree.toFile()))
                    .call();
            if (git.getRepository().resolve(Constants.HEAD) == null) {
                git.close();
                deleteTree(workTree);
                throw new InvalidInputException("branch", "branch '" + spec.branch() + "' does not exist in " + spec.repositoryUrl(),
                        "create the branch with the manifests first, or name an existing branch");
            }
            return git;
        } catch (GitAPIException | RuntimeException e) {
            deleteTree(workTree);
            if (String.valueOf(e.getMessage()).contains("not found in upstream")) {
                throw new InvalidInputException("branch", "branch '" + spec.branch() + "' does not exist in " + spec.repositoryUrl(),
                        "create the branch with the manifests first, or name an existing branch");
            }
            throw e;
        }
    }

    private void fetchAndReset(Git git, CommitSpec spec, GitTransport transport, boolean announce) throws GitAPIException {
        String remoteRef = Constants.R_REMOTES + "origin/" + spec.branch();
        // no depth: only the commits since the last fetch come, and history the downgrade guard deepened stays
        transport.configure(git.fetch()
                        .setRemote("origin")
                        .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + spec.branch() + ":" + remoteRef)))
                .call();
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(remoteRef).call();
        git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
        if (announce) {
            events.info(Phase.COMMIT, spec.repositoryUrl(), "fetched the new head of " + spec.branch());
        }
    }

    private RevCommit commit(Git git, CommitSpec spec, List<Change> changes) throws GitAPIException {
        Set<String> files = changes.stream().map(Change::location).collect(Collectors.toCollection(LinkedHashSet::new));
        var add = git.add();
        files.forEach(add::addFilepattern);
        add.call();
        PersonIdent who = new PersonIdent(spec.authorName(), spec.authorEmail());
        return git.commit()
                .setMessage(CommitMessages.render(spec, changes))
                .setAuthor(who)
                .setCommitter(who)
                .setSign(false)
                .call();
    }

    private RemoteRefUpdate.Status push(Git git, CommitSpec spec, GitTransport transport) throws GitAPIException {
        Iterable<PushResult> results = transport.configure(git.push()
                        .setRemote("origin")
                        // a pull-request branch belongs to Slipway: each update replaces it
                        .setRefSpecs(new RefSpec((spec.pullRequestBranch() == null ? "" : "+") + Constants.HEAD + ":"
                                + Constants.R_HEADS + spec.pushBranch())))
                .call();
        for (PushResult result : results) {
            for (RemoteRefUpdate ref : result.getRemoteUpdates()) {
                switch (ref.getStatus()) {
                    case OK, UP_TO_DATE:
                        return ref.getStatus();
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED:
                        return ref.getStatus();
                    case REJECTED_OTHER_REASON:
                        String reason = Optional.ofNullable(ref.getMessage()).orElse("");
                        // a concurrent push holding the ref lock on the server is a race like a non-fast-forward
                        if (reason.contains("lock") || reason.contains("fetch first") || reason.contains("non-fast-forward")
                                || reason.contains("failed to update ref")) {
                            return RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD;
                        }
                        throw new GitOpsException("the server refused the push to " + spec.branch() + ": "
                                + events.masker().mask(reason), "check branch protection rules and the credential's write access");
                    default:
                        throw new GitOpsException("the push to " + spec.branch() + " ended with " + ref.getStatus()
                                + (ref.getMessage() == null ? "" : ": " + events.masker().mask(ref.getMessage())),
                                "check the credential's write access to the repository");
                }
            }
        }
        throw new GitOpsException("the push to " + spec.branch() + " reported no result", "retry the delivery");
    }

    /** On a retry, a field whose old value moved since the first attempt was changed by someone: whose change was it? */
    private void checkNotChangedByOthers(Git git, CommitSpec spec, List<Change> changes, Map<String, String> firstSeen,
            ObjectId firstBase, GitTransport transport) throws IOException {
        for (Change change : changes) {
            String key = key(change);
            if (!firstSeen.containsKey(key) || Objects.equals(firstSeen.get(key), change.oldValue())) {
                continue;
            }
            Optional<RevCommit> changer = History.lastCommitTouching(git, change.location(), HISTORY_LIMIT, null,
                    depth -> deepen(git, spec, transport, depth));
            Trailers trailers = changer.map(c -> Trailers.parse(c.getFullMessage())).orElse(new Trailers(Map.of()));
            if (!trailers.isEmpty() && Builds.sameSource(trailers, spec)) {
                continue; // another delivery of the same source: the downgrade guard decides
            }
            String who = changer.map(c -> shortId(c) + " (" + c.getAuthorIdent().getName() + ": " + c.getShortMessage() + ")")
                    .orElse("a commit after " + shortId(firstBase));
            throw new GitOpsConflictException(change.location() + ": " + change.field() + " was changed from '"
                    + firstSeen.get(key) + "' to '" + change.oldValue() + "' by " + who
                    + " while Slipway was updating it to '" + change.newValue() + "'; nothing was pushed",
                    "decide which value is right, then re-run the delivery");
        }
    }

    private void checkDowngrade(Git git, CommitSpec spec, List<Change> changes, GitTransport transport) throws IOException {
        if (spec.allowDowngrade() || spec.provenance() == null) {
            return;
        }
        Set<String> files = changes.stream().map(Change::location).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String file : files) {
            Optional<RevCommit> previous = History.lastCommitTouching(git, file, HISTORY_LIMIT,
                    c -> Builds.sameSource(Trailers.parse(c.getFullMessage()), spec), depth -> deepen(git, spec, transport, depth));
            if (previous.isEmpty()) {
                continue;
            }
            Trailers theirs = Trailers.parse(previous.get().getFullMessage());
            if (Builds.isNewer(theirs, spec)) {
                throw new DowngradeRefusedException(file + " was last set by " + shortId(previous.get()) + " from "
                        + theirs.get(Trailers.BUILD).or(() -> theirs.get(Trailers.SOURCE)).orElse("a newer build")
                        + ", newer than this build (" + Builds.describe(spec) + "); nothing was pushed");
            }
        }
    }

    private boolean deepen(Git git, CommitSpec spec, GitTransport transport, int depth) {
        try {
            transport.configure(git.fetch().setRemote("origin").setDepth(depth)).call();
            events.info(Phase.COMMIT, spec.repositoryUrl(), "fetched " + depth + " commits of history for the downgrade guard");
            return true;
        } catch (GitAPIException | RuntimeException e) {
            events.warning(Phase.COMMIT, spec.repositoryUrl(), "could not fetch more history: " + events.masker().mask(e.getMessage()));
            return false;
        }
    }

    private static FileChannel openLock(Path cache) throws IOException {
        Files.createDirectories(cache);
        return FileChannel.open(cache.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    static String cacheKey(String url, String branch) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((url + "\n" + branch).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(Change change) {
        return change.location() + "\u0000" + change.document() + "\u0000" + change.field();
    }

    /** Exponential backoff with full jitter, so racing pipelines spread out instead of colliding again. */
    static Duration backoff(Duration base, int attempt) {
        long cap = Math.min(base.toMillis() << Math.min(attempt - 1, 6), 2_000);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(0, Math.max(cap, 1) + 1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitOpsException("interrupted while waiting to retry the push; nothing was pushed", null);
        }
    }

    static String shortId(ObjectId id) {
        return id == null ? "(none)" : id.abbreviate(8).name();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the Git cache " + root, e);
        }
    }

    /** History questions on a shallow clone, deepening it (with the remote's credentials) on demand. */
    static final class History {
        private History() {}

        /** Fetches more history; false when the remote cannot give more. */
        @FunctionalInterface
        interface Deepener {
            boolean deepen(int depth);
        }

        /**
         * The newest commit on HEAD's first-parent line that changed {@code file} and matches {@code filter}
         * (any commit when {@code null}), looking back at most {@code limit} commits.
         */
        static Optional<RevCommit> lastCommitTouching(Git git, String file, int limit, Predicate<RevCommit> filter,
                Deepener deepener) throws IOException {
            int lastBoundary = -1;
            while (true) {
                Repository repository = git.getRepository();
                Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
                try (RevWalk walk = new RevWalk(repository)) {
                    ObjectId head = repository.resolve(Constants.HEAD);
                    if (head == null) {
                        return Optional.empty();
                    }
                    RevCommit commit = walk.parseCommit(head);
                    int seen = 0;
                    for (; commit != null && seen < limit; seen++) {
                        if (shallow.contains(commit)) {
                            break; // its parents are not here: we cannot tell what it changed
                        }
                        RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                        if (!Objects.equals(blob(repository, commit, file), parent == null ? null : blob(repository, parent, file))
                                && (filter == null || filter.test(commit))) {
                            return Optional.of(commit);
                        }
                        commit = parent;
                    }
                    if (commit == null || seen >= limit || seen <= lastBoundary
                            || !deepener.deepen(Math.min(limit + 1, Math.max(16, (seen + 1) * 4)))) {
                        return Optional.empty();
                    }
                    lastBoundary = seen;
                }
            }
        }

        private static ObjectId blob(Repository repository, RevCommit commit, String file) throws IOException {
            try (TreeWalk walk = TreeWalk.forPath(repository, file, commit.getTree())) {
                return walk == null ? null : walk.getObjectId(0);
            }
        }
    }
}
