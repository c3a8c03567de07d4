package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Secret;
import dev.slipway.support.SlipwayException;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.proxy.RecordedRequest;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry traffic takes the engine-wide network setting: a real docker-registry reached through the fault proxy in
 * forward mode (plain HTTP in absolute form, TLS through CONNECT), the no-proxy list, a per-run CA trusted only through
 * the extra-CA setting, and proxy credentials that never show.
 */
@Tag("registry")
class RegistryThroughProxyTest {
    private static final String CANARY = Canary.of("proxy-password");

    @RegisterExtension
    static final RegistryServer registry = RegistryServer.noAuth();
    @RegisterExtension
    static final RegistryServer tls = RegistryServer.tls();
    @RegisterExtension
    static final FaultProxy proxy = FaultProxy.forward();
    @RegisterExtension
    static final FaultProxy authenticating = FaultProxy.forward().requireBasicAuth("builder", CANARY);

    @TempDir
    Path workspace;

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private EngineContext context;

    @BeforeEach
    void setUp() {
        proxy.reset();
        authenticating.reset();
        context = new EngineContext(workspace, Events.silent().subscribe(events::add));
        TestLayouts.image(workspace.resolve("oci"), 21, 40_000, 1_000);
    }

    private static NetworkSettings through(FaultProxy proxy) {
        return NetworkSettings.direct().withProxyUrl(proxy.baseUri().toString());
    }

    private PushResult push(NetworkSettings network, RegistryServer target, String repository) {
        RegistryTransport transport = target.isTls() ? RegistryTransport.defaults()
                : RegistryTransport.defaults().withPlainHttp(target.hostPort());
        return new Engine(context.withNetwork(network)).push(new PushRequest("oci",
                ImageRef.parse(target.hostPort() + "/" + repository), List.of("1.0"), new RegistryAuth.Anonymous(), transport));
    }

    @Test
    void pushAndCopyGoThroughTheProxyToTheRegistryTheyName() {
        PushResult pushed = push(through(proxy), registry, "proxied/web");
        CopyResult copied = new Engine(context.withNetwork(through(proxy))).copy(new CopyRequest(pushed.image(),
                ImageRef.parse(registry.hostPort() + "/proxied/copy"), List.of("2.0"), new RegistryAuth.Anonymous(),
                new RegistryAuth.Anonymous(), RegistryTransport.defaults().withPlainHttp(registry.hostPort())));

        assertThat(copied.image().digest()).isEqualTo(pushed.image().digest());
        List<RecordedRequest> seen = proxy.requests();
        assertThat(seen).allMatch(r -> r.authority().equals(registry.hostPort()), "every request names the registry");
        assertThat(seen.stream().map(RecordedRequest::line))
                .contains("PUT /v2/proxied/web/manifests/" + pushed.image().digest().orElseThrow())
                .contains("PUT /v2/proxied/copy/manifests/2.0");
    }

    @Test
    void hostsOnTheNoProxyListAreReachedDirectly() {
        push(through(proxy).withNoProxy(List.of("localhost", "127.0.0.1")), registry, "direct/web");

        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void aTlsRegistryWithAPrivateCaIsReachedThroughATunnelWhenTheCaIsAnExtraCa() throws IOException {
        String ca = Files.readString(tls.caCertificatePem());

        PushResult result = push(through(proxy).withExtraCaPem(ca), tls, "tunnelled/web");

        assertThat(result.blobsUploaded()).isEqualTo(3);
        assertThat(proxy.requests()).isNotEmpty().allMatch(r -> r.method().equals("CONNECT") && r.target().equals(tls.hostPort()));
    }

    @Test
    void withoutTheExtraCaTheTlsRegistryIsRefusedWithAHintToTrustIt() {
        assertThatThrownBy(() -> push(through(proxy), tls, "untrusted/web")).isInstanceOf(RegistryException.class)
                .hasMessageContaining("TLS with registry " + tls.hostPort())
                .satisfies(e -> assertThat(((RegistryException) e).describe()).contains("--ca-file"));
    }

    @Test
    void proxyCredentialsGoToTheProxyWithEveryRequestAndNeverShow() {
        NetworkSettings network = through(authenticating).withProxyCredentials("builder", Secret.of(CANARY));

        PushResult result = push(network, registry, "authenticated/web");

        assertThat(result.tags()).containsExactly("1.0");
        assertThat(authenticating.requests()).noneMatch(r -> r.status() == 407).anyMatch(r -> r.line().startsWith("PUT /v2/"));
        assertThat(events).isNotEmpty().noneMatch(e -> e.toString().contains(CANARY));
        assertThat(network.toString()).doesNotContain(CANARY);
    }

    @Test
    void wrongOrMissingProxyCredentialsFailNamingTheProxyWithoutThePassword() {
        String wrong = "wrong-" + CANARY;
        NetworkSettings wrongPassword = through(authenticating).withProxyCredentials("builder", Secret.of(wrong));

        assertThatThrownBy(() -> push(wrongPassword, registry, "refused/web")).isInstanceOf(SlipwayException.class)
                .satisfies(e -> assertThat(((SlipwayException) e).describe()).contains("proxy").doesNotContain(wrong))
                .hasStackTraceContaining("407").satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong));
        assertThatThrownBy(() -> push(through(authenticating), registry, "refused/web")).isInstanceOf(SlipwayException.class)
                .satisfies(e -> assertThat(((SlipwayException) e).describe()).contains("proxy"));
        assertThat(events).noneMatch(e -> e.toString().contains(wrong));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
