package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.proxy.RecordedRequest;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * JGit over smart HTTP (lighttpd + git-http-backend with basic auth) takes the engine's network setting: through
 * the fault proxy in forward mode, with proxy credentials, and directly for hosts on the no-proxy list.
 */
@Tag("real-server")
class GitThroughProxyTest {
    private static final String CANARY = Canary.of("git-proxy-pass");
    private static final AtomicInteger REPOS = new AtomicInteger();

    @RegisterExtension
    static final GitHttpServer HTTP = GitServer.smartHttp();
    @RegisterExtension
    static final FaultProxy PROXY = FaultProxy.forward();
    @RegisterExtension
    static final FaultProxy AUTHENTICATING = FaultProxy.forward().requireBasicAuth("builder", CANARY);

    @TempDir
    Path temp;

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        PROXY.reset();
        AUTHENTICATING.reset();
    }

    private static NetworkSettings through(FaultProxy proxy) {
        return NetworkSettings.direct().withProxyUrl(proxy.baseUri().toString());
    }

    private static GitAuth httpAuth() {
        return new GitAuth.UsernamePassword(HTTP.username(), Secret.of(HTTP.password()));
    }

    private BareRepo seeded() {
        BareRepo repo = HTTP.createRepo("proxied-" + REPOS.incrementAndGet());
        repo.seed("main", Map.of("apps/web.yaml", "image: acr.azurecr.io/web:1.0\n"), "seed");
        return repo;
    }

    private void cloneInto(Path directory, String url, NetworkSettings network) throws Exception {
        try (GitTransport transport = GitTransport.open(url, httpAuth(), new SecretMasker(), network);
                Git ignored = transport.configure(Git.cloneRepository().setURI(url).setDirectory(directory.toFile())).call()) {
            // the clone is what is checked
        }
    }

    @Test
    void aSmartHttpCloneGoesThroughTheProxy() throws Exception {
        BareRepo repo = seeded();

        cloneInto(temp.resolve("clone"), repo.url(), through(PROXY));

        assertThat(Files.readString(temp.resolve("clone/apps/web.yaml"))).contains("web:1.0");
        List<RecordedRequest> seen = PROXY.requests();
        assertThat(seen).allMatch(r -> r.authority().equals("127.0.0.1:" + HTTP.port()));
        assertThat(seen.stream().map(RecordedRequest::line))
                .contains("GET /git/" + repo.name() + ".git/info/refs", "POST /git/" + repo.name() + ".git/git-upload-pack");
    }

    @Test
    void aGitOpsCommitIsPushedThroughAnAuthenticatingProxyWithoutShowingItsPassword() {
        BareRepo repo = seeded();
        Events sink = new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add);
        NetworkSettings network = through(AUTHENTICATING).withProxyCredentials("builder", Secret.of(CANARY));

        GitOpsCommitter.Outcome outcome = new GitOpsCommitter(temp.resolve("cache"), sink, network)
                .commitAndPush(spec(repo.url()), GitOpsCommitterTest.setImage("apps/web.yaml", "acr.azurecr.io/web:2.0"));

        assertThat(outcome.upToDate()).isFalse();
        assertThat(repo.readFile("main", "apps/web.yaml")).isEqualTo("image: acr.azurecr.io/web:2.0\n");
        assertThat(AUTHENTICATING.requests().stream().map(RecordedRequest::line))
                .contains("POST /git/" + repo.name() + ".git/git-receive-pack")
                .allMatch(line -> !line.contains(CANARY));
        assertThat(events).isNotEmpty().noneMatch(e -> e.toString().contains(CANARY));
    }

    @Test
    void aWrongProxyPasswordFailsTheCloneWithoutShowingIt() {
        BareRepo repo = seeded();
        String wrong = "wrong-" + CANARY;
        NetworkSettings network = through(AUTHENTICATING).withProxyCredentials("builder", Secret.of(wrong));
        Events sink = new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add);

        assertThatThrownBy(() -> new GitOpsCommitter(temp.resolve("cache"), sink, network)
                .commitAndPush(spec(repo.url()), GitOpsCommitterTest.setImage("apps/web.yaml", "acr.azurecr.io/web:2.0")))
                .hasMessageContaining("407").satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(wrong));
        assertThat(events).noneMatch(e -> e.toString().contains(wrong));
    }

    @Test
    void theNoProxyListSendsGitDirectly() throws Exception {
        BareRepo repo = seeded();

        cloneInto(temp.resolve("direct"), repo.url(), through(PROXY).withNoProxy(List.of("127.0.0.1")));

        assertThat(Files.readString(temp.resolve("direct/apps/web.yaml"))).contains("web:1.0");
        assertThat(PROXY.requests()).isEmpty();
    }

    private static CommitSpec spec(String url) {
        Provenance provenance = new Provenance("https://git.example/shop.git", null, "main",
                "https://jenkins.example/job/shop/7/", 7L, "d-7");
        return new CommitSpec(url, "main", httpAuth(), null, null, null, null, provenance, false, null, null, 64,
                Duration.ofMillis(25));
    }
}
