package dev.slipway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.fakes.ArgoCdFake;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.secrets.Canary;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait ({@link Engine#await}) takes the engine's network setting: the Argo CD API (fake) and the GitOps
 * repository's history (JGit over smart HTTP) both through the fault proxy in forward mode, or directly when the
 * no-proxy list names them.
 */
@Tag("server")
class WaitThroughProxyTest {
    static final String TOKEN = Canary.of("argocd-proxy");

    @RegisterExtension
    static final ArgoCdFake argo = new ArgoCdFake(TOKEN);
    @RegisterExtension
    static final GitHttpServer git = GitServer.smartHttp();
    @RegisterExtension
    static final FaultProxy proxy = FaultProxy.forward();

    @TempDir
    Path workspace;

    private final WaitTestSupport support = new WaitTestSupport();
    private BareRepo repo;
    private String ours;
    private String later;

    @BeforeEach
    void history() {
        proxy.reset();
        repo = git.createRepo("apps-" + System.nanoTime());
        ours = repo.seed("main", Map.of("deploy/web.yaml", "image: web:2\n"), "web 2");
        later = repo.seed("main", Map.of("deploy/other.yaml", "n: 1\n"), "other");
    }

    private WaitResult await(NetworkSettings network, String app) {
        WaitRequest request = new WaitRequest(WaitRequest.Source.ARGOCD_API, app, ours, argo.url(), Secret.of(TOKEN), null,
                false, Duration.ofSeconds(30), Duration.ofMillis(10), new WaitRequest.GitRepository(repo.url(), "main",
                        new GitAuth.UsernamePassword(git.username(), Secret.of(git.password())), null, null, null),
                null, null);
        return new Engine(new EngineContext(workspace, support.events).withNetwork(network)).await(request);
    }

    @Test
    void argoCdAndTheRepositoryHistoryAreAskedThroughTheProxy() {
        argo.application("proxied", "Synced", "Healthy", later, "Succeeded");

        WaitResult result = await(NetworkSettings.direct().withProxyUrl(proxy.baseUri().toString()), "proxied");

        assertThat(result.live()).isTrue();
        assertThat(result.revision()).isEqualTo(later);
        String argoAuthority = URI.create(argo.url()).getAuthority();
        assertThat(proxy.requests()).anyMatch(r -> r.authority().equals(argoAuthority)
                && r.path().equals("/api/v1/applications/proxied") && r.status() == 200);
        assertThat(proxy.requests()).anyMatch(r -> r.authority().equals("127.0.0.1:" + git.port())
                && r.path().endsWith("/git-upload-pack") && r.status() == 200);
        assertThat(support.transcript()).doesNotContain(TOKEN).doesNotContain(git.password());
    }

    @Test
    void theNoProxyListSendsTheWaitDirectly() {
        argo.application("direct", "Synced", "Healthy", ours, "Succeeded");

        WaitResult result = await(NetworkSettings.direct().withProxyUrl(proxy.baseUri().toString())
                .withNoProxy(List.of("127.0.0.1")), "direct");

        assertThat(result.live()).isTrue();
        assertThat(proxy.requests()).isEmpty();
    }
}
