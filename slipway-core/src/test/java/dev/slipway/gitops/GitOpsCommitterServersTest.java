package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.fakes.AzureDevOpsFake;
import dev.slipway.testsupport.fakes.GitHubFake;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitDaemonServer;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.git.GitSshServer;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitOps commits against real Git servers: smart HTTP with basic auth (lighttpd + git-http-backend), SSH
 * (sshd) and git daemon; pull requests through the documented GitHub and Azure DevOps fakes.
 */
@Tag("real-server")
class GitOpsCommitterServersTest {
    private static final String CANARY = Canary.of("gitops-token");

    @RegisterExtension
    static final GitHttpServer HTTP = GitServer.smartHttp();

    @RegisterExtension
    static final GitSshServer SSH = GitServer.ssh();

    @RegisterExtension
    static final GitDaemonServer DAEMON = GitServer.daemon();

    @RegisterExtension
    static final FaultProxy PROXY = FaultProxy.inFrontOf(() -> "127.0.0.1:" + HTTP.port());

    @RegisterExtension
    static final GitHubFake GITHUB = new GitHubFake(CANARY);

    @RegisterExtension
    static final AzureDevOpsFake AZURE_DEVOPS = new AzureDevOpsFake(CANARY);

    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    Path temp;

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void thirtyTwoConcurrentUpdatesOverSmartHttpAllLandOnce() throws Exception {
        BareRepo repo = seeded(HTTP, 32);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<GitOpsCommitter.Outcome>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int n = i;
                results.add(pool.submit(() -> committer("cache-" + n).commitAndPush(spec(repo.url(), httpAuth(), n),
                        GitOpsCommitterTest.setImage("apps/app" + n + ".yaml", "acr.azurecr.io/app" + n + ":2.0"))));
            }
            for (Future<GitOpsCommitter.Outcome> result : results) {
                assertThat(result.get().upToDate()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 32; i++) {
            assertThat(repo.readFile("main", "apps/app" + i + ".yaml")).isEqualTo("image: acr.azurecr.io/app" + i + ":2.0\n");
        }
        assertThat(repo.log("main")).as("seed + one commit per update, none lost or duplicated").hasSize(33);
        assertNoCanary();
    }

    @Test
    void aWrongPasswordIsRefusedClearlyWithoutShowingIt() {
        BareRepo repo = seeded(HTTP, 1);
        GitAuth wrong = new GitAuth.UsernamePassword(HTTP.username(), Secret.of(CANARY));
        assertThatThrownBy(() -> committer("cache").commitAndPush(spec(repo.url(), wrong, 1),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("was refused")
                .hasMessageNotContaining(CANARY)
                .satisfies(e -> assertThat(((AuthenticationException) e).fix()).contains("credential"));
        assertNoCanary();
    }

    @Test
    void overSshWithAKeyAndKnownHosts() throws IOException {
        BareRepo repo = seeded(SSH, 1);
        GitOpsCommitter.Outcome outcome = committer("cache").commitAndPush(spec(repo.url(), sshAuth(Files.readString(SSH.knownHosts()), false), 1),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));

        assertThat(outcome.upToDate()).isFalse();
        assertThat(repo.readFile("main", "apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:2.0\n");
        assertThat(tempSshFoldersLeft()).as("the private SSH folder is removed").isEmpty();
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessAcceptingANewOneIsAsked() {
        BareRepo repo = seeded(SSH, 1);
        assertThatThrownBy(() -> committer("cache").commitAndPush(spec(repo.url(), sshAuth("", false), 1),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("host key");

        GitOpsCommitter.Outcome accepted = committer("cache-2").commitAndPush(spec(repo.url(), sshAuth("", true), 1),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));
        assertThat(accepted.upToDate()).isFalse();
    }

    @Test
    void anonymouslyOverGitDaemon() {
        BareRepo repo = seeded(DAEMON, 1);
        committer("cache").commitAndPush(spec(repo.url(), null, 1), GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));
        assertThat(repo.readFile("main", "apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:2.0\n");
    }

    @Test
    void aConnectionResetDuringThePushFailsClearlyAndTheNextRunSucceeds() {
        BareRepo repo = seeded(HTTP, 1);
        String proxied = repo.url().replace("127.0.0.1:" + HTTP.port(), PROXY.hostPort());
        PROXY.on("POST", ".*/git-receive-pack").always().resetAfterRequestBytes(200);
        GitOpsCommitter committer = committer("cache");
        try {
            assertThatThrownBy(() -> committer.commitAndPush(spec(proxied, httpAuth(), 1),
                    GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0")))
                    .isInstanceOf(GitOpsException.class)
                    .hasMessageContaining("Git update of " + proxied);
            assertThat(repo.readFile("main", "apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:1.0\n");
        } finally {
            PROXY.reset();
        }
        GitOpsCommitter.Outcome outcome = committer.commitAndPush(spec(proxied, httpAuth(), 1),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));
        assertThat(outcome.upToDate()).isFalse();
        assertThat(repo.readFile("main", "apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:2.0\n");
        assertThat(repo.log("main")).hasSize(2);
    }

    @Test
    void aServerThatIsDownFailsClearly() {
        String url = "http://127.0.0.1:1/git/nothing.git";
        assertThatThrownBy(() -> committer("cache").commitAndPush(spec(url, httpAuth(), 1),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "x")))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("Git update of " + url + " failed")
                .satisfies(e -> assertThat(((GitOpsException) e).fix()).contains("reachable"));
    }

    @Test
    void pullRequestModeOpensOneGitHubPullRequestPerTargetAndUpdatesIt() {
        BareRepo repo = seeded(HTTP, 1);
        String branch = CommitSpec.pullRequestBranchFor("main", "apps");
        PullRequests pullRequests = new PullRequests(HttpClient.newHttpClient(), new SecretMasker());
        PullRequestHost host = PullRequestHost.of("https://github.com/contoso/gitops.git", null, GITHUB.url());

        GitOpsCommitter.Outcome first = committer("cache").commitAndPush(pullRequest(spec(repo.url(), httpAuth(), 1), branch),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));
        PullRequests.PullRequest opened = pullRequests.openOrUpdate(host, Secret.of(CANARY), branch, "main", "Deliver app0 2.0", "body");
        GitOpsCommitter.Outcome second = committer("cache").commitAndPush(pullRequest(spec(repo.url(), httpAuth(), 2), branch),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:3.0"));
        PullRequests.PullRequest updated = pullRequests.openOrUpdate(host, Secret.of(CANARY), branch, "main", "Deliver app0 3.0", "body");

        assertThat(repo.readFile("main", "apps/app0.yaml")).as("main is untouched").isEqualTo("image: acr.azurecr.io/app0:1.0\n");
        assertThat(repo.readFile(branch, "apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:3.0\n");
        assertThat(repo.log(branch)).as("the branch is replaced, not stacked").hasSize(2);
        assertThat(first.commit()).isNotEqualTo(second.commit());
        assertThat(opened.created()).isTrue();
        assertThat(updated.created()).isFalse();
        assertThat(updated.number()).isEqualTo(opened.number());
        assertThat(updated.url()).contains("/pull/" + opened.number());
        assertThat(GITHUB.pullRequests()).hasSize(1);
    }

    @Test
    void pullRequestModeOnAzureDevOps() {
        PullRequests pullRequests = new PullRequests(HttpClient.newHttpClient(), new SecretMasker());
        PullRequestHost host = PullRequestHost.of("https://dev.azure.com/contoso/shop/_git/gitops", null, AZURE_DEVOPS.url());

        PullRequests.PullRequest opened = pullRequests.openOrUpdate(host, Secret.of(CANARY), "slipway/main/apps", "main", "Deliver", "body");
        PullRequests.PullRequest again = pullRequests.openOrUpdate(host, Secret.of(CANARY), "slipway/main/apps", "main", "Deliver 2", "body");

        assertThat(opened.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.number()).isEqualTo(opened.number());
        assertThat(again.url()).endsWith("/pullrequest/" + opened.number());
        assertThatThrownBy(() -> pullRequests.openOrUpdate(host, Secret.of("wrong-token-value"), "slipway/main/x", "main", "t", "b"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining("wrong-token-value");
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private BareRepo seeded(GitServer server, int files) {
        BareRepo repo = server.createRepo("gitops-" + REPOS.incrementAndGet());
        Map<String, String> content = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            content.put("apps/app" + i + ".yaml", "image: acr.azurecr.io/app" + i + ":1.0\n");
        }
        repo.seed("main", content, "seed");
        return repo;
    }

    private GitOpsCommitter committer(String cache) {
        Events sink = new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add);
        return new GitOpsCommitter(temp.resolve(cache), sink);
    }

    private static GitAuth httpAuth() {
        return new GitAuth.UsernamePassword(HTTP.username(), Secret.of(HTTP.password()));
    }

    private static GitAuth sshAuth(String knownHosts, boolean acceptNew) {
        try {
            return new GitAuth.SshKey(SSH.username(), Secret.of(Files.readString(SSH.privateKey())), null, knownHosts, acceptNew);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommitSpec spec(String url, GitAuth auth, long build) {
        Provenance provenance = new Provenance("https://git.example/shop.git", null, "main",
                "https://jenkins.example/job/shop/" + build + "/", build, "d-" + build);
        return new CommitSpec(url, "main", auth, null, null, null, null, provenance, false, null, null, 64, Duration.ofMillis(25));
    }

    private static CommitSpec pullRequest(CommitSpec s, String branch) {
        return new CommitSpec(s.repositoryUrl(), s.branch(), s.auth(), s.messageTemplate(), s.authorName(), s.authorEmail(),
                s.image(), s.provenance(), s.allowDowngrade(), s.sourceRepository(), branch, s.maxAttempts(), s.backoff());
    }

    private void assertNoCanary() {
        synchronized (events) {
            assertThat(events).extracting(Event::message).noneMatch(m -> m.contains(CANARY) || m.contains(HTTP.password()));
        }
    }

    private static List<Path> tempSshFoldersLeft() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("slipway-ssh-")).toList();
        }
    }
}
