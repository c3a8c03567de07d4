package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.proxy.Fault;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.proxy.RecordedRequest;
import dev.slipway.testsupport.registry.Credentials;
import dev.slipway.testsupport.registry.RegistryServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Faults injected by the proxy between the engine and a real token-auth registry. */
@Tag("registry")
class PushFaultsTest {
    @RegisterExtension
    static final RegistryServer registry = RegistryServer.token();
    @RegisterExtension
    static final FaultProxy proxy = FaultProxy.inFrontOf(registry::hostPort);

    @TempDir
    Path workspace;

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private Engine engine;

    @BeforeEach
    void setUp() {
        proxy.reset();
        engine = new Engine(new EngineContext(workspace, Events.silent().subscribe(events::add)));
    }

    private PushRequest push(String repository, String... tags) {
        Credentials user = registry.credentials().orElseThrow();
        return new PushRequest("oci", ImageRef.parse(proxy.hostPort() + "/" + repository), List.of(tags),
                new RegistryAuth.Basic(user.username(), Secret.of(user.password())),
                RegistryTransport.defaults().withPlainHttp(proxy.hostPort()));
    }

    @Test
    void aConnectionResetMidBlobRestartsThatBlobAndThePushCompletes() {
        TestLayouts.Written image = TestLayouts.image(workspace.resolve("oci"), 21, 2_000_000);
        // the config blob goes first and is smaller than the cut-off, so the second blob PUT is the one reset
        Fault reset = proxy.on("PUT", "/v2/faults/reset/blobs/uploads/.+").times(2).resetAfterRequestBytes(300_000);

        PushResult result = engine.push(push("faults/reset", "1"));

        assertThat(reset.firedCount()).isEqualTo(2);
        assertThat(result.image().digest()).contains(image.digest());
        assertThat(result.blobsUploaded()).isEqualTo(2);
        // the blob PUT was cut off (status 0) and sent again, by the engine or by the JDK client's own retry of a
        // connection that died under it; either way the registry committed it and the push went on
        List<RecordedRequest> blobPuts = proxy.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().startsWith("/v2/faults/reset/blobs/uploads/")).toList();
        assertThat(blobPuts).anyMatch(r -> r.status() == 0);
        assertThat(blobPuts).filteredOn(r -> r.status() == 201).hasSize(2);
        assertThat(proxy.requests()).anyMatch(r -> r.line().equals("PUT /v2/faults/reset/manifests/1") && r.status() == 201);
    }

    @Test
    void aBlobPutThatFailsIsRestartedWithANewUploadSession() {
        TestLayouts.image(workspace.resolve("oci"), 25, 50_000);
        Fault fault = proxy.on("PUT", "/v2/faults/restart/blobs/uploads/.+").respond(503);

        PushResult result = engine.push(push("faults/restart", "1"));

        assertThat(fault.firedCount()).isEqualTo(1);
        assertThat(result.blobsUploaded()).isEqualTo(2);
        assertThat(events).anyMatch(e -> e.kind() == Event.Kind.WARNING && e.message().contains("restarting"));
        assertThat(proxy.requests()).filteredOn(r -> r.line().equals("POST /v2/faults/restart/blobs/uploads/")).hasSize(3);
    }

    @Test
    void a500OnTheManifestPutIsRetried() {
        TestLayouts.Written image = TestLayouts.image(workspace.resolve("oci"), 22, 1000);
        Fault fault = proxy.on("PUT", "/v2/faults/retry/manifests/sha256:.+").times(2).respond(500);

        PushResult result = engine.push(push("faults/retry", "1"));

        assertThat(fault.firedCount()).isEqualTo(2);
        assertThat(result.image().digest()).contains(image.digest());
    }

    @Test
    void aManifestPutThatKeepsFailingFailsThePushClearlyAndNoTagIsWritten() {
        TestLayouts.image(workspace.resolve("oci"), 23, 1000);
        proxy.on("PUT", "/v2/faults/broken/manifests/.+").always().respond(500);

        assertThatThrownBy(() -> engine.push(push("faults/broken", "1.0", "latest"))).isInstanceOf(RegistryException.class)
                .hasMessageContaining("kept failing").hasMessageContaining("HTTP 500");

        List<String> manifestPuts = proxy.requests().stream().map(RecordedRequest::line)
                .filter(line -> line.startsWith("PUT /v2/faults/broken/manifests/")).toList();
        assertThat(manifestPuts).hasSize(RegistryTransport.DEFAULT_MAX_ATTEMPTS)
                .allMatch(line -> line.contains("/manifests/sha256:"));
    }

    @Test
    void aTokenRefusedMidPushIsRenewedOnceAndThePushGoesOn() {
        TestLayouts.image(workspace.resolve("oci"), 24, 5000, 6000);
        String challenge = "Bearer realm=\"" + registry.tokenServer().realm() + "\",service=\"" + RegistryServer.TOKEN_SERVICE
                + "\",scope=\"repository:faults/expiry:pull,push\",error=\"invalid_token\"";
        proxy.on("PUT", "/v2/faults/expiry/blobs/uploads/.+").respond(401, Map.of("WWW-Authenticate", challenge));
        int tokensBefore = registry.tokenServer().requests().size();

        PushResult result = engine.push(push("faults/expiry", "1"));

        assertThat(result.blobsUploaded()).isEqualTo(3);
        assertThat(registry.tokenServer().requests().size() - tokensBefore).isEqualTo(2);
        assertThat(events).filteredOn(e -> e.message().contains("authenticating again")).hasSize(1);
    }
}
