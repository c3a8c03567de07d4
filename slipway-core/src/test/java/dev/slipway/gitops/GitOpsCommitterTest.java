package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Change;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit and push against real bare repositories (file:// URLs, real git CLI on the other side). */
class GitOpsCommitterTest {
    private static final String SOURCE = "https://git.example/shop.git";

    @TempDir
    Path temp;

    private Path remote;
    private String url;
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void createRemote() {
        remote = temp.resolve("gitops.git");
        Git.cli(temp, "init", "-q", "--bare", "-b", "main", remote.toString());
        Path seed = temp.resolve("seed");
        Git.cli(temp, "clone", "-q", remote.toString(), seed.toString());
        for (int i = 0; i < 32; i++) {
            write(seed.resolve("apps/app" + i + ".yaml"), "image: acr.azurecr.io/app" + i + ":1.0\n");
        }
        Git.cli(seed, "add", ".");
        Git.cli(seed, "-c", "user.name=Seed", "-c", "user.email=seed@example.invalid", "commit", "-q", "-m", "seed");
        Git.cli(seed, "push", "-q", "origin", "main");
        url = remote.toUri().toString();
    }

    @Test
    void commitsWithTrailersAndPushesThenKnowsWhenAlreadyUpToDate() {
        GitOpsCommitter committer = committer("cache");
        GitOpsCommitter.Outcome first = committer.commitAndPush(spec(42L, "c".repeat(40)), setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));

        assertThat(first.upToDate()).isFalse();
        assertThat(first.changes()).containsExactly(new Change("apps/app0.yaml", 0, "image", "acr.azurecr.io/app0:1.0", "acr.azurecr.io/app0:2.0"));
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:2.0\n");
        String message = Git.cli(temp, "--git-dir", remote.toString(), "log", "-1", "--format=%B", "main");
        assertThat(message).startsWith("Deliver acr.azurecr.io/app0:2.0 to apps/app0.yaml")
                .contains("- apps/app0.yaml: image acr.azurecr.io/app0:1.0 -> acr.azurecr.io/app0:2.0")
                .contains("Slipway-Source: " + "c".repeat(40))
                .contains("Slipway-Build-Number: 42")
                .contains("Slipway-Delivery: d-42");
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "log", "-1", "--format=%H", "main").trim()).isEqualTo(first.commit());

        GitOpsCommitter.Outcome again = committer.commitAndPush(spec(42L, "c".repeat(40)), setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));

        assertThat(again.upToDate()).isTrue();
        assertThat(again.commit()).isEqualTo(first.commit());
        assertThat(commitCount()).isEqualTo(2);
        assertThat(messages()).anyMatch(m -> m.contains("using the cached clone at " + first.commit().substring(0, 8)))
                .as("the cached head looked up to date, so the server was asked").anyMatch(m -> m.startsWith("fetched main: at"));
    }

    @Test
    void thirtyTwoConcurrentUpdatesToTheSameValueMakeOneCommit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<GitOpsCommitter.Outcome>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                int n = i;
                results.add(pool.submit(() -> committer("cache-" + n).commitAndPush(spec(7L, null),
                        setImage("apps/app0.yaml", "acr.azurecr.io/app0:3.0"))));
            }
            long committed = 0;
            for (Future<GitOpsCommitter.Outcome> result : results) {
                committed += result.get().upToDate() ? 0 : 1;
            }
            assertThat(committed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(commitCount()).isEqualTo(2);
    }

    @Test
    void aFieldChangedBySomeoneElseStopsTheUpdateWithNothingPushed() {
        AtomicBoolean humanCommitted = new AtomicBoolean();
        GitOpsCommitter.WorkTreeUpdate update = workTree -> {
            if (humanCommitted.compareAndSet(false, true)) {
                humanCommit("apps/app1.yaml", "image: acr.azurecr.io/app1:hotfix\n", "Hotfix app1 by hand");
            }
            return setImage("apps/app1.yaml", "acr.azurecr.io/app1:2.0").apply(workTree);
        };

        assertThatThrownBy(() -> committer("cache").commitAndPush(spec(5L, null), update))
                .isInstanceOf(GitOpsConflictException.class)
                .hasMessageContaining("apps/app1.yaml: image was changed from 'acr.azurecr.io/app1:1.0' to 'acr.azurecr.io/app1:hotfix'")
                .hasMessageContaining("Human: Hotfix app1 by hand")
                .hasMessageContaining("nothing was pushed");
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app1.yaml")).isEqualTo("image: acr.azurecr.io/app1:hotfix\n");
        assertThat(commitCount()).isEqualTo(2);
    }

    @Test
    void anOlderBuildIsRefusedUnlessADowngradeIsAllowed() {
        committer("cache-a").commitAndPush(spec(42L, null), setImage("apps/app2.yaml", "acr.azurecr.io/app2:42"));

        assertThatThrownBy(() -> committer("cache-b").commitAndPush(spec(41L, null), setImage("apps/app2.yaml", "acr.azurecr.io/app2:41")))
                .isInstanceOf(DowngradeRefusedException.class)
                .hasMessageContaining("apps/app2.yaml was last set by")
                .hasMessageContaining("https://jenkins.example/job/shop/42/")
                .hasMessageContaining("newer than this build (https://jenkins.example/job/shop/41/)");
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app2.yaml")).isEqualTo("image: acr.azurecr.io/app2:42\n");

        CommitSpec allowed = withDowngrade(spec(41L, null));
        assertThat(committer("cache-b").commitAndPush(allowed, setImage("apps/app2.yaml", "acr.azurecr.io/app2:41")).upToDate()).isFalse();
    }

    @Test
    void anOlderBuildRacingANewerOneIsRefusedAfterTheNewerLands() {
        AtomicBoolean newerRan = new AtomicBoolean();
        GitOpsCommitter.WorkTreeUpdate older = workTree -> {
            if (newerRan.compareAndSet(false, true)) {
                committer("cache-newer").commitAndPush(spec(43L, null), setImage("apps/app3.yaml", "acr.azurecr.io/app3:43"));
            }
            return setImage("apps/app3.yaml", "acr.azurecr.io/app3:40").apply(workTree);
        };

        assertThatThrownBy(() -> committer("cache-older").commitAndPush(spec(40L, null), older))
                .isInstanceOf(DowngradeRefusedException.class);
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app3.yaml")).isEqualTo("image: acr.azurecr.io/app3:43\n");
    }

    @Test
    void theDowngradeGuardDeepensAShallowCloneToFindTheCommitThatSetTheField() {
        committer("cache-a").commitAndPush(spec(50L, null), setImage("apps/app4.yaml", "acr.azurecr.io/app4:50"));
        for (int i = 0; i < 20; i++) {
            humanCommit("docs/note" + i + ".md", "note " + i + "\n", "Unrelated change " + i);
        }
        assertThatThrownBy(() -> committer("cache-b").commitAndPush(spec(49L, null), setImage("apps/app4.yaml", "acr.azurecr.io/app4:49")))
                .isInstanceOf(DowngradeRefusedException.class);
        assertThat(messages()).anyMatch(m -> m.contains("commits of history for the downgrade guard"));
    }

    @Test
    void theGuardStopsAtTheCommitThatLastSetTheFieldAPersonsEvenWithANewerBuildBehindIt() {
        committer("cache-a").commitAndPush(spec(60L, null), setImage("apps/app6.yaml", "acr.azurecr.io/app6:60"));
        humanCommit("apps/app6.yaml", "image: acr.azurecr.io/app6:hotfix\n", "Hotfix app6 by hand");
        for (int i = 0; i < 20; i++) {
            humanCommit("docs/note" + i + ".md", "note " + i + "\n", "Unrelated change " + i);
        }

        // build 60 is deeper in history, but the hand-made commit set the field last: nothing to compare, allowed
        GitOpsCommitter.Outcome outcome = committer("cache-b").commitAndPush(spec(59L, null),
                setImage("apps/app6.yaml", "acr.azurecr.io/app6:59"));

        assertThat(outcome.upToDate()).isFalse();
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app6.yaml")).isEqualTo("image: acr.azurecr.io/app6:59\n");
        assertThat(messages().stream().filter(m -> m.contains("commits of history for the downgrade guard")))
                .as("one deepening, straight to the limit, not a ladder").containsExactly(
                        "fetched " + (GitOpsCommitter.HISTORY_LIMIT + 1) + " commits of history for the downgrade guard");
    }

    @Test
    void aNewerBuildThatSetTheFieldDeepInHistoryIsFoundPastEditsOfOtherLinesAndRefuses() {
        committer("cache-a").commitAndPush(spec(70L, null), setImage("apps/app7.yaml", "acr.azurecr.io/app7:70"));
        // a person touches the same file without setting the field (trailing blanks): passed over
        humanCommit("apps/app7.yaml", "image: acr.azurecr.io/app7:70   \n", "Reformat app7");
        for (int i = 0; i < 30; i++) {
            humanCommit("docs/other" + i + ".md", "other " + i + "\n", "Unrelated change " + i);
        }

        assertThatThrownBy(() -> committer("cache-b").commitAndPush(spec(69L, null), setImage("apps/app7.yaml", "acr.azurecr.io/app7:69")))
                .isInstanceOf(DowngradeRefusedException.class)
                .hasMessageContaining("https://jenkins.example/job/shop/70/");
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app7.yaml")).isEqualTo("image: acr.azurecr.io/app7:70   \n");
    }

    @Test
    void aWarmRunFindsItsOwnCommitAtTheHeadWithoutFetchingHistory() {
        committer("cache").commitAndPush(spec(80L, null), setImage("apps/app8.yaml", "acr.azurecr.io/app8:80"));
        humanCommit("docs/after.md", "after\n", "Unrelated change after 80");
        events.clear();

        GitOpsCommitter.Outcome outcome = committer("cache").commitAndPush(spec(81L, null), setImage("apps/app8.yaml", "acr.azurecr.io/app8:81"));

        assertThat(outcome.upToDate()).isFalse();
        assertThat(messages()).anyMatch(m -> m.startsWith("using the cached clone at"))
                .noneMatch(m -> m.contains("commits of history"));
    }

    @Test
    void aFreshCloneSeesAFieldSetAFewCommitsBackWithoutDeepening() {
        committer("cache-a").commitAndPush(spec(50L, null), setImage("apps/app18.yaml", "acr.azurecr.io/app18:50"));
        for (int i = 0; i < 5; i++) {
            humanCommit("docs/between" + i + ".md", "between " + i + "\n", "Unrelated change " + i);
        }

        assertThatThrownBy(() -> committer("cache-b").commitAndPush(spec(49L, null), setImage("apps/app18.yaml", "acr.azurecr.io/app18:49")))
                .isInstanceOf(DowngradeRefusedException.class);
        assertThat(messages()).noneMatch(m -> m.contains("commits of history"));
    }

    @Test
    void aWarmRunOnABranchThatDidNotMovePushesWithoutFetching() {
        GitOpsCommitter.Outcome first = committer("cache").commitAndPush(spec(10L, null), setImage("apps/app10.yaml", "acr.azurecr.io/app10:10"));
        events.clear();

        GitOpsCommitter.Outcome second = committer("cache").commitAndPush(spec(11L, null), setImage("apps/app10.yaml", "acr.azurecr.io/app10:11"));

        assertThat(messages()).anyMatch(m -> m.startsWith("using the cached clone at"))
                .noneMatch(m -> m.startsWith("fetched"))
                .anyMatch(m -> m.startsWith("pushed " + second.commit().substring(0, 8)));
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "rev-parse", "main~1").trim()).isEqualTo(first.commit());
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app10.yaml")).isEqualTo("image: acr.azurecr.io/app10:11\n");
    }

    @Test
    void aWarmRunOnAMovedBranchIsRefusedByTheLeaseThenAppliedOnTheNewHead() {
        committer("cache").commitAndPush(spec(12L, null), setImage("apps/app12.yaml", "acr.azurecr.io/app12:12"));
        humanCommit("docs/meanwhile.md", "meanwhile\n", "Meanwhile");
        String moved = Git.cli(temp, "--git-dir", remote.toString(), "rev-parse", "main").trim();
        events.clear();

        GitOpsCommitter.Outcome outcome = committer("cache").commitAndPush(spec(13L, null), setImage("apps/app12.yaml", "acr.azurecr.io/app12:13"));

        assertThat(messages()).anyMatch(m -> m.contains("moved since the cached clone was fetched"))
                .anyMatch(m -> m.equals("fetched main: at " + moved.substring(0, 8)));
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "rev-parse", "main~1").trim()).isEqualTo(moved);
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "rev-parse", "main").trim()).isEqualTo(outcome.commit());
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:docs/meanwhile.md")).isEqualTo("meanwhile\n");
    }

    @Test
    void aFieldChangedBeforeAWarmRunStartedIsNotTakenForAChangeDuringIt() {
        committer("cache").commitAndPush(spec(14L, null), setImage("apps/app14.yaml", "acr.azurecr.io/app14:14"));
        humanCommit("apps/app14.yaml", "image: acr.azurecr.io/app14:hotfix\n", "Hotfix app14 by hand");

        GitOpsCommitter.Outcome outcome = committer("cache").commitAndPush(spec(15L, null), setImage("apps/app14.yaml", "acr.azurecr.io/app14:15"));

        assertThat(outcome.changes()).containsExactly(
                new Change("apps/app14.yaml", 0, "image", "acr.azurecr.io/app14:hotfix", "acr.azurecr.io/app14:15"));
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app14.yaml")).isEqualTo("image: acr.azurecr.io/app14:15\n");
    }

    @Test
    void aValueTheCachedHeadHasButTheBranchNoLongerHasIsSetAgain() {
        committer("cache").commitAndPush(spec(16L, null), setImage("apps/app16.yaml", "acr.azurecr.io/app16:16"));
        humanCommit("apps/app16.yaml", "image: acr.azurecr.io/app16:1.0\n", "Revert app16 by hand");

        GitOpsCommitter.Outcome again = committer("cache").commitAndPush(spec(16L, null), setImage("apps/app16.yaml", "acr.azurecr.io/app16:16"));

        assertThat(again.upToDate()).as("the cached head had the value; the branch did not").isFalse();
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app16.yaml")).isEqualTo("image: acr.azurecr.io/app16:16\n");
    }

    @Test
    void aDowngradeTheCachedHeadWouldRefuseIsDecidedOnTheBranchItself() {
        committer("cache-a").commitAndPush(spec(30L, null), setImage("apps/app17.yaml", "acr.azurecr.io/app17:30"));
        // a deliberate rollback to build 10 through another cache: the field is now last set by an older build
        committer("cache-b").commitAndPush(withDowngrade(spec(10L, null)), setImage("apps/app17.yaml", "acr.azurecr.io/app17:10"));

        GitOpsCommitter.Outcome outcome = committer("cache-a").commitAndPush(spec(20L, null), setImage("apps/app17.yaml", "acr.azurecr.io/app17:20"));

        assertThat(outcome.upToDate()).isFalse();
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app17.yaml")).isEqualTo("image: acr.azurecr.io/app17:20\n");
    }

    @Test
    void onlyTheRequestedPathIsWrittenAndTheCommitKeepsEverythingElse() throws IOException {
        humanCommit("apps/run.sh", "#!/bin/sh\n", "A script");
        Git.cli(temp, "clone", "-q", remote.toString(), temp.resolve("exec").toString());
        Git.cli(temp.resolve("exec"), "update-index", "--chmod=+x", "apps/run.sh");
        Git.cli(temp.resolve("exec"), "-c", "user.name=Human", "-c", "user.email=human@example.invalid", "commit", "-q", "-m", "Executable");
        Git.cli(temp.resolve("exec"), "push", "-q", "origin", "main");
        List<List<String>> seen = new ArrayList<>();
        GitOpsCommitter.WorkTreeUpdate update = workTree -> {
            try (var files = Files.walk(workTree)) {
                seen.add(files.filter(Files::isRegularFile).map(f -> workTree.relativize(f).toString()).sorted().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return setImage("apps/app9.yaml", "acr.azurecr.io/app9:2.0").apply(workTree);
        };
        CommitSpec scoped = withPaths(spec(90L, null), List.of("apps/app9.yaml"));

        committer("cache").commitAndPush(scoped, update);

        assertThat(seen).containsExactly(List.of("apps/app9.yaml"));
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "ls-tree", "-r", "--name-only", "main").lines().count()).isEqualTo(33);
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "ls-tree", "main", "apps/run.sh")).startsWith("100755 ");
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "diff", "--name-only", "main~1", "main").strip()).isEqualTo("apps/app9.yaml");
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "fsck", "--no-progress")).doesNotContain("error");
    }

    @Test
    void aPathThatIsMissingOrALinkGetsTheWholeTree() {
        List<Integer> seen = new ArrayList<>();
        GitOpsCommitter.WorkTreeUpdate count = workTree -> {
            try (var files = Files.walk(workTree)) {
                seen.add((int) files.filter(Files::isRegularFile).count());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of();
        };

        committer("cache").commitAndPush(withPaths(spec(1L, null), List.of("no/such/folder")), count);

        assertThat(seen).containsExactly(32);
    }

    @Test
    void aRememberedAnswerSparesTheDeepeningOnAFreshShallowClone() throws IOException {
        for (int i = 0; i < 6; i++) {
            humanCommit("docs/note" + i + ".md", "note " + i + "\n", "Unrelated change " + i);
        }
        Path answers = temp.resolve("answers");
        List<Integer> deepened = new ArrayList<>();
        try (Repository repository = shallowClone("first.git")) {
            Path gitDir = repository.getDirectory().toPath();
            GitOpsCommitter.History.Known known = GitOpsCommitter.History.Known.load(repository, answers);
            Optional<RevCommit> setter = GitOpsCommitter.History.lastCommitSetting(repository, repository.resolve("HEAD"),
                    "apps/app0.yaml", "acr.azurecr.io/app0:1.0", 4, known, depth -> {
                        deepened.add(depth);
                        Git.cli(gitDir, "fetch", "-q", "--depth", String.valueOf(depth), "origin", "main");
                        return true;
                    });
            known.save();

            assertThat(setter).as("the seed set it 7 commits back, past the limit of 4").isEmpty();
            assertThat(deepened).as("one step, straight to the limit").containsExactly(5);
        }
        humanCommit("docs/later.md", "later\n", "Unrelated change later");

        try (Repository repository = shallowClone("second.git")) {
            GitOpsCommitter.History.Known known = GitOpsCommitter.History.Known.load(repository, answers);
            Optional<RevCommit> setter = GitOpsCommitter.History.lastCommitSetting(repository, repository.resolve("HEAD"),
                    "apps/app0.yaml", "acr.azurecr.io/app0:1.0", 4, known, depth -> {
                        throw new AssertionError("deepened although the answer for the previous head was remembered");
                    });

            assertThat(setter).isEmpty();
        }
    }

    private Repository shallowClone(String name) throws IOException {
        Path gitDir = temp.resolve(name);
        Git.cli(temp, "clone", "-q", "--bare", "--depth", "2", url, gitDir.toString());
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    @Test
    void aBrokenCacheIsReplacedByAFreshClone() throws IOException {
        GitOpsCommitter committer = committer("cache");
        committer.commitAndPush(spec(1L, null), setImage("apps/app5.yaml", "acr.azurecr.io/app5:2.0"));
        Path gitDir;
        try (var dirs = Files.walk(temp.resolve("cache"))) {
            gitDir = dirs.filter(p -> p.getFileName().toString().equals("repo.git")).findFirst().orElseThrow();
        }
        Files.writeString(gitDir.resolve("HEAD"), "garbage");
        Files.writeString(gitDir.resolve("config"), "[[[ not a config");

        GitOpsCommitter.Outcome outcome = committer.commitAndPush(spec(2L, null), setImage("apps/app5.yaml", "acr.azurecr.io/app5:3.0"));

        assertThat(outcome.upToDate()).isFalse();
        assertThat(Git.cli(temp, "--git-dir", remote.toString(), "show", "main:apps/app5.yaml")).isEqualTo("image: acr.azurecr.io/app5:3.0\n");
    }

    @Test
    void aMissingBranchIsNamed() {
        CommitSpec spec = new CommitSpec(url, "release", null, null, null, null, null, null, false, null, null, 3, Duration.ofMillis(10));
        assertThatThrownBy(() -> committer("cache").commitAndPush(spec, setImage("apps/app0.yaml", "x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("branch: branch 'release' does not exist");
    }

    @Test
    void anUnreachableRepositoryFailsClearly() {
        CommitSpec spec = new CommitSpec(temp.resolve("missing.git").toUri().toString(), "main", null, null, null, null,
                null, null, false, null, null, 3, Duration.ofMillis(10));
        assertThatThrownBy(() -> committer("cache").commitAndPush(spec, setImage("apps/app0.yaml", "x")))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("Git update of " + spec.repositoryUrl() + " failed");
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private GitOpsCommitter committer(String cache) {
        Events sink = new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add);
        return new GitOpsCommitter(temp.resolve(cache), sink);
    }

    private CommitSpec spec(Long buildNumber, String sourceCommit) {
        Provenance provenance = new Provenance(SOURCE, sourceCommit, "main",
                "https://jenkins.example/job/shop/" + buildNumber + "/", buildNumber, "d-" + buildNumber);
        return new CommitSpec(url, "main", null, null, null, null, null, provenance, false, null, null, 64, Duration.ofMillis(20));
    }

    private static CommitSpec withDowngrade(CommitSpec s) {
        return new CommitSpec(s.repositoryUrl(), s.branch(), s.auth(), s.messageTemplate(), s.authorName(), s.authorEmail(),
                s.image(), s.provenance(), true, s.sourceRepository(), s.pullRequestBranch(), s.maxAttempts(), s.backoff());
    }

    private static CommitSpec withPaths(CommitSpec s, List<String> paths) {
        return new CommitSpec(s.repositoryUrl(), s.branch(), s.auth(), s.messageTemplate(), s.authorName(), s.authorEmail(),
                s.image(), s.provenance(), s.allowDowngrade(), s.sourceRepository(), s.pullRequestBranch(), s.maxAttempts(),
                s.backoff(), paths);
    }

    /** Stands in for the manifest updater: sets the one {@code image:} line of a file. */
    static GitOpsCommitter.WorkTreeUpdate setImage(String file, String image) {
        return workTree -> {
            Path path = workTree.resolve(file);
            String old = read(path).strip().substring("image: ".length());
            if (old.equals(image)) {
                return List.of();
            }
            write(path, "image: " + image + "\n");
            return List.of(new Change(file, 0, "image", old, image));
        };
    }

    private void humanCommit(String file, String content, String message) {
        Path clone = temp.resolve("human-" + System.nanoTime());
        Git.cli(temp, "clone", "-q", remote.toString(), clone.toString());
        write(clone.resolve(file), content);
        Git.cli(clone, "add", file);
        Git.cli(clone, "-c", "user.name=Human", "-c", "user.email=human@example.invalid", "commit", "-q", "-m", message);
        Git.cli(clone, "push", "-q", "origin", "main");
    }

    private int commitCount() {
        return Integer.parseInt(Git.cli(temp, "--git-dir", remote.toString(), "rev-list", "--count", "main").trim());
    }

    private List<String> messages() {
        synchronized (events) {
            return events.stream().map(Event::message).toList();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String content) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The git command line, for the other side of the tests. */
    static final class Git {
        static String cli(Path dir, String... args) {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("git " + String.join(" ", args) + " failed:\n" + output);
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
