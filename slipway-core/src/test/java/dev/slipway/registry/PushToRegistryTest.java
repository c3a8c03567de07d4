package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.image.InvalidImageReferenceException;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.testsupport.process.FreePorts;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.proxy.RecordedRequest;
import dev.slipway.testsupport.registry.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Push against a real docker-registry (no auth), through the fault proxy so the request order is visible. */
@Tag("registry")
class PushToRegistryTest {
    @RegisterExtension
    static final RegistryServer registry = RegistryServer.noAuth();
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

    private PushRequest push(String layout, String repository, String... tags) {
        return new PushRequest(layout, ImageRef.parse(proxy.hostPort() + "/" + repository), List.of(tags),
                new RegistryAuth.Anonymous(), RegistryTransport.defaults().withPlainHttp(proxy.hostPort()));
    }

    @Test
    void pushesBlobsThenTheManifestByDigestThenTheTags() throws Exception {
        TestLayouts.Written image = TestLayouts.image(workspace.resolve("oci"), 1, 300_000, 5_000);

        PushResult result = engine.push(push("oci", "shop/web", "1.0", "latest"));

        assertThat(result.image().reference()).isEqualTo(proxy.hostPort() + "/shop/web@" + image.digest());
        assertThat(result.tags()).containsExactly("1.0", "latest");
        assertThat(result.blobsUploaded()).isEqualTo(3);
        List<String> lines = proxy.requests().stream().map(RecordedRequest::line).toList();
        int byDigest = lines.indexOf("PUT /v2/shop/web/manifests/" + image.digest());
        assertThat(byDigest).isPositive();
        assertThat(lines.subList(byDigest + 1, lines.size()))
                .containsExactly("PUT /v2/shop/web/manifests/1.0", "PUT /v2/shop/web/manifests/latest");
        assertThat(lines.subList(0, byDigest)).noneMatch(line -> line.contains("/manifests/"));
        assertThat(manifestDigest("shop/web", "1.0")).isEqualTo(image.digest().toString());
        assertThat(events).anyMatch(e -> e.kind() == Event.Kind.FINISHED && e.message().contains(image.digest().toString()));
    }

    @Test
    void aRepushSendsNoBlobBecauseTheRegistryHasThemAll() {
        TestLayouts.image(workspace.resolve("oci"), 2, 100_000);
        engine.push(push("oci", "shop/again", "1"));
        proxy.reset();

        PushResult again = engine.push(push("oci", "shop/again", "1"));

        assertThat(again.blobsUploaded()).isZero();
        assertThat(again.blobsSkipped()).isEqualTo(2);
        assertThat(proxy.requests()).noneMatch(r -> r.method().equals("POST") || r.line().contains("/blobs/uploads/"));
    }

    @Test
    void pushesAnOciArchiveAndDeletesWhatItUnpacked() throws Exception {
        TestLayouts.Written image = TestLayouts.image(workspace.resolve("layout"), 3, 70_000);
        TestLayouts.archive(image.layout(), workspace.resolve("image.tar"));
        long tempBefore = countTempLayouts();

        PushResult result = engine.push(push("image.tar", "shop/archive", "v1"));

        assertThat(result.image().digest()).contains(image.digest());
        assertThat(manifestDigest("shop/archive", "v1")).isEqualTo(image.digest().toString());
        assertThat(countTempLayouts()).isEqualTo(tempBefore);
    }

    @Test
    void pushesAMultiPlatformIndexWithItsImagesFirst() throws Exception {
        TestLayouts.Written index = TestLayouts.index(workspace.resolve("oci"), 4);

        PushResult result = engine.push(push("oci", "shop/multi", "2.0"));

        assertThat(result.image().digest()).contains(index.digest());
        assertThat(manifestDigest("shop/multi", "2.0")).isEqualTo(index.digest().toString());
        List<String> manifestPuts = proxy.requests().stream().map(RecordedRequest::line)
                .filter(line -> line.startsWith("PUT /v2/shop/multi/manifests/")).toList();
        assertThat(manifestPuts).hasSize(4).last().isEqualTo("PUT /v2/shop/multi/manifests/2.0");
        assertThat(manifestPuts.get(2)).endsWith(index.digest().toString());
    }

    @Test
    void pushesDockerV2MediaTypes() throws Exception {
        TestLayouts.Written image = TestLayouts.image(workspace.resolve("oci"), 5, MediaTypes.DOCKER_MANIFEST, 10_000);

        engine.push(push("oci", "shop/docker", "d"));

        HttpResponse<String> response = get("/v2/shop/docker/manifests/d");
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.DOCKER_MANIFEST);
        assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(image.digest().toString());
    }

    @Test
    void aBadReferenceOrTagIsRefusedBeforeAnyRequest() {
        TestLayouts.image(workspace.resolve("oci"), 6, 1000);
        assertThatThrownBy(() -> ImageRef.parse("image", proxy.hostPort() + "/Shop/Web"))
                .isInstanceOf(InvalidImageReferenceException.class).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> engine.push(push("oci", "shop/web", "bad tag")))
                .isInstanceOf(InvalidImageReferenceException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> engine.push(push("../outside", "shop/web")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("layout").hasMessageContaining("outside the workspace");
        assertThatThrownBy(() -> engine.push(push("missing", "shop/web")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void anUnreachableRegistryFailsClearlyNamingIt() {
        TestLayouts.image(workspace.resolve("oci"), 7, 1000);
        String nowhere = "127.0.0.1:" + FreePorts.next();
        PushRequest request = new PushRequest("oci", ImageRef.parse(nowhere + "/shop/web"), List.of("1"),
                new RegistryAuth.Anonymous(), RegistryTransport.defaults().withPlainHttp(nowhere).withMaxAttempts(2));

        assertThatThrownBy(() -> engine.push(request)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("registry " + nowhere + " is unreachable");
        assertThat(events).anyMatch(e -> e.kind() == Event.Kind.FAILED);
    }

    private static long countTempLayouts() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("slipway-oci-")).count();
        }
    }

    private static String manifestDigest(String repository, String reference) throws Exception {
        HttpResponse<String> response = get("/v2/" + repository + "/manifests/" + reference);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.baseUri() + path))
                .header("Accept", MediaTypes.ACCEPT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
