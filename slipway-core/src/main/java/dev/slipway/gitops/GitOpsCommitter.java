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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Commits a GitOps update and pushes it without ever losing one: on a non-fast-forward push it fetches the
 * new head and <em>runs the same logical update again</em> on it (not a text rebase of the old diff), then
 * retries with jittered backoff. A head that already has our values ends it without a commit; a field that
 * someone else changed to another value stops it with nothing pushed; a newer build of the same source
 * already there stops it unless a downgrade is allowed.
 *
 * <p>The cache folder holds a bare, shallow, single-branch clone (later updates only fetch) and a scratch work
 * tree. Each attempt writes into that work tree only the paths the update reads ({@link CommitSpec#paths()},
 * the whole tree when none are given or they pass through a symbolic link), straight from the fetched head; the
 * commit is built from the head's trees with only the changed files replaced. So nothing a run that died
 * half-way left behind can leak into the next, and a large repository costs no full checkout or index.
 */
public final class GitOpsCommitter {
    /** How far back the downgrade guard looks for the commit that last set a field. */
    static final int HISTORY_LIMIT = 256;
    /**
     * The head and the 15 commits before it: the downgrade guard needs the commit that set a field and its parent,
     * and with other pipelines committing to the branch that commit is seldom the head. A shallow clone this deep
     * costs about what a 2-deep one does (the commits share nearly all their trees); going back to 257 costs more.
     */
    static final int CLONE_DEPTH = 16;
    /** Every fetch adds a pack; past this many the cache is cloned afresh rather than repacked. */
    static final int MAX_PACKS = 64;
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
        deleteTree(cache.resolve("repo")); // the layout of earlier versions: a full checkout
        Path workTree = cache.resolve("work");
        String remoteRef = Constants.R_REMOTES + "origin/" + spec.branch();
        boolean[] cloned = {false};
        ConnectionFailures failures = new ConnectionFailures(spec, transport);
        try (Git git = openOrCloneRetrying(spec, cache.resolve("repo.git"), transport, cloned, failures)) {
            Repository repository = git.getRepository();
            History.Known known = History.Known.load(repository, cache.resolve("guard-answers"));
            Map<String, String> firstSeen = new LinkedHashMap<>();
            ObjectId firstBase = null;
            // A warm cache usually holds the branch's head already: the first attempt builds on it without fetching
            // and pushes with that head as the expected old value, so an unchanged branch costs no fetch. Only a push
            // ends such an attempt: a moved branch (the push is refused before any pack is sent), an update found
            // already there, a refused downgrade or a failed push start over on the fetched head, as attempt 1.
            boolean unfetched = !cloned[0] && spec.pullRequestBranch() == null;
            try {
                for (int attempt = 1; attempt <= spec.maxAttempts(); attempt++) {
                    try {
                        if (attempt > 1 || !(cloned[0] || unfetched)) {
                            fetch(git, spec, transport);
                        }
                    } catch (TransportException | JGitInternalException e) {
                        if (!(e instanceof TransportException) && !String.valueOf(e.getMessage()).contains("LOCK_FAILURE")) {
                            throw e;
                        }
                        failures.retryOrThrow(e, attempt);
                        continue;
                    }
                    RevCommit base = parse(repository, repository.resolve(remoteRef));
                    if (attempt == 1) {
                        firstBase = base;
                    }
                    Trees.materialise(repository, base, workTree, spec.paths());
                    List<Change> changes = update.apply(workTree);
                    if (unfetched && changes.isEmpty()) {
                        unfetched = false;
                        attempt--;
                        continue;
                    }
                    if (changes.isEmpty()) {
                        events.info(Phase.COMMIT, spec.repositoryUrl(), "already up to date at " + shortId(base) + ": no commit");
                        return new Outcome(base.name(), List.of(), true, attempt);
                    }
                    if (attempt == 1) {
                        firstSeen.clear();
                        changes.forEach(c -> firstSeen.put(key(c), c.oldValue()));
                    } else {
                        checkNotChangedByOthers(repository, base, spec, changes, firstSeen, firstBase, known, transport);
                    }
                    try {
                        checkDowngrade(repository, base, spec, changes, known, transport);
                    } catch (DowngradeRefusedException refused) {
                        if (!unfetched) {
                            throw refused;
                        }
                        unfetched = false;
                        attempt--;
                        continue;
                    }

                    RevCommit commit = commit(repository, base, spec, changes, workTree);
                    RemoteRefUpdate.Status status;
                    try {
                        status = push(git, spec, transport, commit, base);
                    } catch (TransportException | JGitInternalException e) {
                        if (!(e instanceof TransportException) && !String.valueOf(e.getMessage()).contains("LOCK_FAILURE")) {
                            throw e;
                        }
                        // the server may or may not have taken it: the next attempt fetches and sees
                        failures.retryOrThrow(e, attempt);
                        if (unfetched) {
                            unfetched = false;
                            attempt--;
                        }
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
                    if (unfetched) {
                        events.info(Phase.COMMIT, spec.repositoryUrl(), spec.branch() + " moved since the cached clone was"
                                + " fetched; fetching and applying the update again");
                        unfetched = false;
                        attempt--;
                        continue;
                    }
                    events.info(Phase.COMMIT, spec.repositoryUrl(), spec.branch() + " moved while pushing (attempt " + attempt
                            + " of " + spec.maxAttempts() + "); fetching and applying the update again");
                    sleep(backoff(spec.backoff(), attempt));
                }
            } finally {
                known.save();
            }
            throw new GitOpsException("could not push to " + spec.branch() + " of " + spec.repositoryUrl() + " in "
                    + spec.maxAttempts() + " attempts: the branch kept moving",
                    "retry the delivery; if many pipelines update this branch at once, raise the attempt limit or use pull requests");
        } catch (GitAPIException | IOException e) {
            throw transport.explain("update", e, events.masker());
        }
    }

    /**
     * The connection failures of one update, clone included: a dropped connection or a server error is retried a few
     * times with backoff, like a moved branch; a refused credential or host key is not.
     */
    private final class ConnectionFailures {
        private final CommitSpec spec;
        private final GitTransport transport;
        private int count;

        ConnectionFailures(CommitSpec spec, GitTransport transport) {
            this.spec = spec;
            this.transport = transport;
        }

        void retryOrThrow(Exception failure, int attempt) {
            RuntimeException explained = transport.explain("update", failure, events.masker());
            if (explained instanceof dev.slipway.support.AuthenticationException || ++count > MAX_TRANSIENT_FAILURES) {
                throw explained;
            }
            events.warning(Phase.COMMIT, spec.repositoryUrl(), "the connection failed (" + explained.getMessage()
                    + "); retrying");
            sleep(backoff(spec.backoff(), attempt + 1));
        }
    }

    /** A clone cut off by the server is retried like a dropped fetch or push; it leaves nothing behind. */
    private Git openOrCloneRetrying(CommitSpec spec, Path gitDir, GitTransport transport, boolean[] cloned,
            ConnectionFailures failures) throws GitAPIException, IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return openOrClone(spec, gitDir, transport, cloned);
            } catch (TransportException e) {
                failures.retryOrThrow(e, attempt);
            }
        }
    }

    /** The cached bare clone when it is sound and of this remote, else a new one ({@code cloned[0]} set). */
    private Git openOrClone(CommitSpec spec, Path gitDir, GitTransport transport, boolean[] cloned)
            throws GitAPIException, IOException {
        if (Files.isDirectory(gitDir)) {
            try {
                Git git = Git.open(gitDir.toFile());
                Repository repository = git.getRepository();
                String url = repository.getConfig().getString("remote", "origin", "url");
                if (spec.repositoryUrl().equals(url) && packCount(gitDir) <= MAX_PACKS
                        && repository.resolve(Constants.R_REMOTES + "origin/" + spec.branch()) != null) {
                    events.info(Phase.COMMIT, spec.repositoryUrl(), "using the cached clone at "
                            + shortId(repository.resolve(Constants.R_REMOTES + "origin/" + spec.branch())));
                    return git;
                }
                git.close();
            } catch (IOException | RuntimeException broken) {
                events.warning(Phase.COMMIT, spec.repositoryUrl(), "the cached clone is unusable; cloning again");
            }
            deleteTree(gitDir);
        }
        events.started(Phase.COMMIT, spec.repositoryUrl(), "cloning " + spec.branch() + " (shallow, single branch)");
        Files.createDirectories(gitDir.getParent());
        Git git = Git.init().setBare(true).setDirectory(gitDir.toFile()).call();
        Repository repository = git.getRepository();
        try {
            StoredConfig config = repository.getConfig();
            config.setString("remote", "origin", "url", spec.repositoryUrl());
            config.setString("remote", "origin", "fetch",
                    "+" + Constants.R_HEADS + spec.branch() + ":" + Constants.R_REMOTES + "origin/" + spec.branch());
            config.setString("remote", "origin", "tagopt", "--no-tags");
            config.save();
            transport.configure(git.fetch().setRemote("origin").setDepth(CLONE_DEPTH).setTagOpt(TagOpt.NO_TAGS)).call();
            if (repository.resolve(Constants.R_REMOTES + "origin/" + spec.branch()) == null) {
                throw missingBranch(spec);
            }
            cloned[0] = true;
            return git;
        } catch (GitAPIException | IOException | RuntimeException e) {
            git.close();
            deleteTree(gitDir);
            String message = String.valueOf(e.getMessage());
            if (message.contains("not found in upstream") || message.contains("does not have " + Constants.R_HEADS + spec.branch())) {
                throw missingBranch(spec);
            }
            throw e;
        }
    }

    private static InvalidInputException missingBranch(CommitSpec spec) {
        return new InvalidInputException("branch", "branch '" + spec.branch() + "' does not exist in " + spec.repositoryUrl(),
                "create the branch with the manifests first, or name an existing branch");
    }

    private static long packCount(Path gitDir) throws IOException {
        Path packs = gitDir.resolve("objects/pack");
        if (!Files.isDirectory(packs)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(packs)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pack")).count();
        }
    }

    private void fetch(Git git, CommitSpec spec, GitTransport transport) throws GitAPIException, IOException {
        // no depth: only the commits since the last fetch come, and history the downgrade guard deepened stays
        transport.configure(git.fetch().setRemote("origin").setTagOpt(TagOpt.NO_TAGS)).call();
        events.info(Phase.COMMIT, spec.repositoryUrl(), "fetched " + spec.branch() + ": at "
                + shortId(git.getRepository().resolve(Constants.R_REMOTES + "origin/" + spec.branch())));
    }

    /** Our commit: the base's trees with the changed files of the work tree put in; no index involved. */
    private static RevCommit commit(Repository repository, RevCommit base, CommitSpec spec, List<Change> changes, Path workTree)
            throws IOException {
        Set<String> files = changes.stream().map(Change::location).collect(Collectors.toCollection(LinkedHashSet::new));
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            Map<String, Trees.Entry> edits = new LinkedHashMap<>();
            for (String file : files) {
                Path path = workTree.resolve(file);
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    edits.put(file, null);
                } else if (Files.isSymbolicLink(path)) {
                    byte[] target = Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8);
                    edits.put(file, new Trees.Entry(FileMode.SYMLINK, inserter.insert(Constants.OBJ_BLOB, target)));
                } else {
                    // the updater replaces files, so the work tree loses an executable bit: the tree keeps it
                    edits.put(file, new Trees.Entry(FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(path))));
                }
            }
            ObjectId tree = Trees.edit(reader, inserter, base.getTree(), edits);
            PersonIdent who = new PersonIdent(spec.authorName(), spec.authorEmail());
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(tree == null ? inserter.insert(new TreeFormatter()) : tree);
            builder.setParentId(base);
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setMessage(CommitMessages.render(spec, changes));
            ObjectId id = inserter.insert(builder);
            inserter.flush();
            return walk.parseCommit(id);
        }
    }

    /** Pushes {@code commit}; to the branch itself only while it is still at {@code base} (the lease). */
    private RemoteRefUpdate.Status push(Git git, CommitSpec spec, GitTransport transport, RevCommit commit, RevCommit base)
            throws GitAPIException {
        String target = Constants.R_HEADS + spec.pushBranch();
        PushCommand push = git.push()
                .setRemote("origin")
                // a pull-request branch belongs to Slipway: each update replaces it
                .setRefSpecs(new RefSpec((spec.pullRequestBranch() == null ? "" : "+") + commit.name() + ":" + target));
        if (spec.pullRequestBranch() == null) {
            push.setRefLeaseSpecs(new RefLeaseSpec(target, base.name()));
        }
        Iterable<PushResult> results = transport.configure(push).call();
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
    private void checkNotChangedByOthers(Repository repository, RevCommit base, CommitSpec spec, List<Change> changes,
            Map<String, String> firstSeen, ObjectId firstBase, History.Known known, GitTransport transport) throws IOException {
        for (Change change : changes) {
            String key = key(change);
            if (!firstSeen.containsKey(key) || Objects.equals(firstSeen.get(key), change.oldValue())) {
                continue;
            }
            Optional<RevCommit> changer = History.lastCommitSetting(repository, base, change.location(), change.oldValue(),
                    HISTORY_LIMIT, known, depth -> deepen(repository, spec, transport, depth));
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

    /**
     * Reads the trailers of the commit that last set each field: when that commit is a delivery of the same source
     * from a newer build, the update is refused. A field last set by a person or another source has nothing to
     * compare with, so the guard stops there instead of searching further back.
     */
    private void checkDowngrade(Repository repository, RevCommit base, CommitSpec spec, List<Change> changes,
            History.Known known, GitTransport transport) throws IOException {
        if (spec.allowDowngrade() || !Builds.comparable(spec)) {
            return;
        }
        Map<String, Change> fields = new LinkedHashMap<>();
        changes.forEach(c -> fields.putIfAbsent(c.location() + "\u0000" + c.oldValue(), c));
        for (Change change : fields.values()) {
            Optional<RevCommit> setter = History.lastCommitSetting(repository, base, change.location(), change.oldValue(),
                    HISTORY_LIMIT, known, depth -> deepen(repository, spec, transport, depth));
            if (setter.isEmpty()) {
                continue;
            }
            Trailers theirs = Trailers.parse(setter.get().getFullMessage());
            if (Builds.sameSource(theirs, spec) && Builds.isNewer(theirs, spec)) {
                throw new DowngradeRefusedException(change.location() + " was last set by " + shortId(setter.get()) + " from "
                        + theirs.get(Trailers.BUILD).or(() -> theirs.get(Trailers.SOURCE)).orElse("a newer build")
                        + ", newer than this build (" + Builds.describe(spec) + "); nothing was pushed");
            }
        }
    }

    private boolean deepen(Repository repository, CommitSpec spec, GitTransport transport, int depth) {
        try (Git git = new Git(repository)) {
            transport.configure(git.fetch().setRemote("origin").setDepth(depth).setTagOpt(TagOpt.NO_TAGS)).call();
            events.info(Phase.COMMIT, spec.repositoryUrl(), "fetched " + depth + " commits of history for the downgrade guard");
            return true;
        } catch (GitAPIException | RuntimeException e) {
            events.warning(Phase.COMMIT, spec.repositoryUrl(), "could not fetch more history: " + events.masker().mask(e.getMessage()));
            return false;
        }
    }

    private static RevCommit parse(Repository repository, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return commit;
        }
    }

    private static FileChannel openLock(Path cache) throws IOException {
        Files.createDirectories(cache);
        return FileChannel.open(cache.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    static String cacheKey(String url, String branch) {
        return sha256(url + "\n" + branch, 12);
    }

    private static String sha256(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
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
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the Git cache " + root, e);
        }
    }

    /** Trees without an index: writing a commit's files into a folder, and replacing files in a tree. */
    static final class Trees {
        private Trees() {}

        record Entry(FileMode mode, ObjectId id) { }

        /**
         * Empties {@code workTree} and writes into it the {@code paths} of {@code commit}: all of it when none are
         * given, or when one is missing or passes through a symbolic link (the update then sees what a full checkout
         * shows, and its own checks apply).
         */
        static void materialise(Repository repository, RevCommit commit, Path workTree, List<String> paths) throws IOException {
            deleteTree(workTree);
            Files.createDirectories(workTree);
            List<String> scope = scope(repository, commit, paths);
            try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(commit.getTree());
                walk.setRecursive(true);
                if (!scope.isEmpty()) {
                    walk.setFilter(PathFilterGroup.createFromStrings(scope));
                }
                while (walk.next()) {
                    Path target = workTree.resolve(walk.getPathString());
                    FileMode mode = walk.getFileMode(0);
                    Files.createDirectories(target.getParent());
                    if (mode == FileMode.GITLINK) {
                        Files.createDirectories(target);
                    } else if (mode == FileMode.SYMLINK) {
                        byte[] link = reader.open(walk.getObjectId(0)).getBytes();
                        Files.createSymbolicLink(target, Path.of(new String(link, StandardCharsets.UTF_8)));
                    } else {
                        Files.write(target, reader.open(walk.getObjectId(0)).getBytes());
                        if (mode == FileMode.EXECUTABLE_FILE) {
                            target.toFile().setExecutable(true);
                        }
                    }
                }
            }
        }

        /** The paths to write, or empty for the whole tree. */
        private static List<String> scope(Repository repository, RevCommit commit, List<String> paths) throws IOException {
            List<String> scope = new ArrayList<>();
            for (String path : paths) {
                String clean = path.replace('\\', '/').replaceAll("/+", "/").replaceAll("^(\\./)+", "").replaceAll("/$", "");
                if (clean.isEmpty() || clean.equals(".")) {
                    return List.of();
                }
                if (clean.startsWith("/") || Arrays.asList(clean.split("/")).contains("..")) {
                    return List.of();
                }
                // every folder on the way and the path itself must be plain: a link may lead anywhere in the tree
                StringBuilder prefix = new StringBuilder();
                for (String part : clean.split("/")) {
                    prefix.append(prefix.length() == 0 ? "" : "/").append(part);
                    try (TreeWalk walk = TreeWalk.forPath(repository, prefix.toString(), commit.getTree())) {
                        if (walk == null || walk.getFileMode(0) == FileMode.SYMLINK) {
                            return List.of();
                        }
                    }
                }
                if (hasSymlinkBelow(repository, commit, clean)) {
                    return List.of();
                }
                scope.add(clean);
            }
            return scope;
        }

        private static boolean hasSymlinkBelow(Repository repository, RevCommit commit, String path) throws IOException {
            try (TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(commit.getTree());
                walk.setRecursive(true);
                walk.setFilter(PathFilterGroup.createFromStrings(path));
                while (walk.next()) {
                    if (walk.getFileMode(0) == FileMode.SYMLINK) {
                        return true;
                    }
                }
                return false;
            }
        }

        /**
         * The tree {@code tree} with the given files replaced ({@code null}: removed), rewriting only the folders on
         * their way; {@code null} when the result is empty.
         */
        static ObjectId edit(ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, Entry> edits)
                throws IOException {
            Map<String, Entry> entries = new TreeMap<>();
            if (tree != null) {
                try (TreeWalk walk = new TreeWalk(reader)) {
                    walk.addTree(tree);
                    while (walk.next()) {
                        entries.put(walk.getNameString(), new Entry(walk.getFileMode(0), walk.getObjectId(0)));
                    }
                }
            }
            Map<String, Map<String, Entry>> below = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> edit : edits.entrySet()) {
                int slash = edit.getKey().indexOf('/');
                if (slash < 0) {
                    Entry existing = entries.get(edit.getKey());
                    if (edit.getValue() == null) {
                        entries.remove(edit.getKey());
                    } else if (existing != null && existing.mode() == FileMode.EXECUTABLE_FILE
                            && edit.getValue().mode() == FileMode.REGULAR_FILE) {
                        entries.put(edit.getKey(), new Entry(FileMode.EXECUTABLE_FILE, edit.getValue().id()));
                    } else {
                        entries.put(edit.getKey(), edit.getValue());
                    }
                } else {
                    below.computeIfAbsent(edit.getKey().substring(0, slash), k -> new LinkedHashMap<>())
                            .put(edit.getKey().substring(slash + 1), edit.getValue());
                }
            }
            for (Map.Entry<String, Map<String, Entry>> folder : below.entrySet()) {
                Entry existing = entries.get(folder.getKey());
                ObjectId subtree = edit(reader, inserter, existing != null && existing.mode() == FileMode.TREE ? existing.id() : null,
                        folder.getValue());
                if (subtree == null) {
                    entries.remove(folder.getKey());
                } else {
                    entries.put(folder.getKey(), new Entry(FileMode.TREE, subtree));
                }
            }
            if (entries.isEmpty()) {
                return null;
            }
            List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
            sorted.sort((a, b) -> compareGitOrder(a, b));
            TreeFormatter formatter = new TreeFormatter();
            for (Map.Entry<String, Entry> entry : sorted) {
                formatter.append(entry.getKey(), entry.getValue().mode(), entry.getValue().id());
            }
            return inserter.insert(formatter);
        }

        /** Git's tree order: bytes of the name, a folder's name compared as if it ended in '/'. */
        private static int compareGitOrder(Map.Entry<String, Entry> a, Map.Entry<String, Entry> b) {
            return Arrays.compareUnsigned(sortKey(a), sortKey(b));
        }

        private static byte[] sortKey(Map.Entry<String, Entry> entry) {
            String name = entry.getValue().mode() == FileMode.TREE ? entry.getKey() + "/" : entry.getKey();
            return name.getBytes(StandardCharsets.UTF_8);
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
         * The newest commit on {@code head}'s first-parent line that set {@code value} in {@code file}: it changed the
         * file, and its parent's file did not hold the value (so a commit that changed another field of the file is
         * passed over); any commit that changed the file when {@code value} is {@code null}. Looks back at most
         * {@code limit} commits, deepening the clone once, straight to the limit, when the walk reaches its end.
         * Empty when no such commit is found.
         */
        static Optional<RevCommit> lastCommitSetting(Repository repository, ObjectId head, String file, String value, int limit,
                Known known, Deepener deepener) throws IOException {
            boolean deepened = false;
            while (true) {
                Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
                try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                    RevCommit commit = walk.parseCommit(head);
                    ObjectId blob = blob(reader, commit, file);
                    boolean reachedShallow = false;
                    for (int seen = 0; seen < limit; seen++) {
                        Optional<Optional<ObjectId>> answered = known.answer(commit, file, value);
                        if (answered.isPresent()) {
                            return remember(known, head, file, value, answered.get().isEmpty() ? null : walk.parseCommit(answered.get().get()));
                        }
                        if (shallow.contains(commit)) {
                            reachedShallow = true; // its parents are not here (JGit shows none): we cannot tell what it changed
                            break;
                        }
                        if (commit.getParentCount() == 0) {
                            return remember(known, head, file, value, blob == null ? null : commit); // the root added it
                        }
                        RevCommit parent = walk.parseCommit(commit.getParent(0));
                        ObjectId parentBlob = blob(reader, parent, file);
                        if (!Objects.equals(blob, parentBlob) && (value == null || !holds(reader, parentBlob, value))) {
                            return remember(known, head, file, value, commit);
                        }
                        commit = parent;
                        blob = parentBlob;
                    }
                    if (!reachedShallow) {
                        return remember(known, head, file, value, null); // nothing within the limit
                    }
                    if (deepened || !deepener.deepen(limit + 1)) {
                        return Optional.empty(); // unknown: not remembered, the next run asks again
                    }
                    deepened = true;
                }
            }
        }

        private static Optional<RevCommit> remember(Known known, ObjectId head, String file, String value, RevCommit setter) {
            known.put(head, file, value, setter);
            return Optional.ofNullable(setter);
        }

        private static boolean holds(ObjectReader reader, ObjectId blob, String value) throws IOException {
            if (blob == null) {
                return false;
            }
            return new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8).contains(value);
        }

        private static ObjectId blob(ObjectReader reader, RevCommit commit, String file) throws IOException {
            try (TreeWalk walk = TreeWalk.forPath(reader, file, commit.getTree())) {
                return walk == null ? null : walk.getObjectId(0);
            }
        }

        /**
         * Answers found before, kept in the clone cache: for a head, a file and a value, the commit that set it (or
         * none within the limit). A later walk stops at a head it knows, so a warm run does not deepen again.
         */
        static final class Known {
            private static final int MAX_ANSWERS = 4096;
            private final Repository repository;
            private final Path file;
            private final Map<String, String> answers;
            private boolean changed;

            private Known(Repository repository, Path file, Map<String, String> answers) {
                this.repository = repository;
                this.file = file;
                this.answers = answers;
            }

            static Known load(Repository repository, Path file) {
                Map<String, String> answers = new LinkedHashMap<>();
                try {
                    if (Files.isRegularFile(file)) {
                        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                            String[] parts = line.split(" ");
                            if (parts.length == 2 && parts[1].matches("-|[0-9a-f]{40}")) {
                                answers.put(parts[0], parts[1]);
                            }
                        }
                    }
                } catch (IOException | RuntimeException unreadable) {
                    answers.clear(); // only a shortcut: without it the guard walks the history again
                }
                return new Known(repository, file, answers);
            }

            private boolean has(ObjectId id) {
                try {
                    return repository.getObjectDatabase().has(id);
                } catch (IOException e) {
                    return false;
                }
            }

            Optional<Optional<ObjectId>> answer(ObjectId commit, String path, String value) {
                String answer = answers.get(key(commit, path, value));
                if (answer == null || !answer.equals("-") && !has(ObjectId.fromString(answer))) {
                    return Optional.empty();
                }
                return Optional.of(answer.equals("-") ? Optional.empty() : Optional.of(ObjectId.fromString(answer)));
            }

            void put(ObjectId head, String path, String value, ObjectId setter) {
                answers.put(key(head, path, value), setter == null ? "-" : setter.name());
                changed = true;
            }

            void save() {
                if (!changed) {
                    return;
                }
                List<String> lines = answers.entrySet().stream().skip(Math.max(0, answers.size() - MAX_ANSWERS))
                        .map(e -> e.getKey() + " " + e.getValue()).toList();
                try {
                    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                    Files.write(temporary, lines, StandardCharsets.UTF_8);
                    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    changed = false;
                } catch (IOException ignored) {
                    // only a shortcut: the next run walks the history again
                }
            }

            private static String key(ObjectId commit, String path, String value) {
                return commit.name() + ":" + sha256(path + "\u0000" + (value == null ? "\u0001" : value), 10);
            }
        }
    }
}
