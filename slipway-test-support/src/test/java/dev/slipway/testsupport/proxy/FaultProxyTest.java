package dev.slipway.testsupport.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.registry.RegistryServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real skopeo through the fault proxy in front of real registries, one test per fault kind. */
@Tag("real-server")
class FaultProxyTest {

    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer registry = RegistryServer.noAuth();
    @RegisterExtension
    static RegistryServer tokenRegistry = RegistryServer.token();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.inFrontOf(registry::hostPort);
    @RegisterExtension
    static FaultProxy tokenProxy = FaultProxy.inFrontOf(tokenRegistry::hostPort);

    @AfterEach
    void forgetFaults() {
        proxy.reset();
        tokenProxy.reset();
    }

    private static BuildahEnvironment.Result push(String reference) {
        return buildah.skopeo("copy", "--dest-tls-verify=false", "oci:" + buildah.baseImageOciLayout() + ":latest",
                "docker://" + proxy.hostPort() + "/" + reference);
    }

    @Test
    void logsEveryRequestOfAPushInOrder() {
        BuildahEnvironment.Result push = push("ordered:1");

        assertThat(push.exitCode()).as(push.output()).isZero();
        List<String> lines = proxy.requests().stream().map(RecordedRequest::line).toList();
        int manifest = lines.indexOf("PUT /v2/ordered/manifests/1");
        assertThat(manifest).as(lines.toString()).isEqualTo(lines.size() - 1);
        assertThat(lines.subList(0, manifest)).anyMatch(line -> line.startsWith("PUT /v2/ordered/blobs/uploads/"));
        assertThat(lines.subList(0, manifest)).allMatch(line -> line.equals("GET /v2/") || line.contains("/blobs/"));
        assertThat(proxy.requests()).allMatch(request -> request.status() > 0 && request.fault().isEmpty());
    }

    @Test
    void keepsConnectionsAliveAndForwardsChunkedUploads() throws Exception {
        // skopeo 1.9 sends "Connection: close" on every request, so keep-alive is shown with the JDK client
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = proxy.baseUri();
        byte[] blob = "a blob sent in chunks".getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));

        HttpResponse<String> start = client.send(HttpRequest.newBuilder(base.resolve("/v2/kept/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        URI location = base.resolve(start.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob)))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
        URI next = base.resolve(chunked.headers().firstValue("Location").orElseThrow());
        String separator = next.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> done = client.send(HttpRequest.newBuilder(URI.create(next + separator + "digest=" + digest))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(base.resolve("/v2/kept/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fetched = client.send(HttpRequest.newBuilder(base.resolve("/v2/kept/blobs/" + digest))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(List.of(start.statusCode(), chunked.statusCode(), done.statusCode(), head.statusCode(),
                fetched.statusCode())).containsExactly(202, 202, 201, 200, 200);
        assertThat(fetched.body()).isEqualTo("a blob sent in chunks");
        assertThat(proxy.requests()).hasSize(5).extracting(RecordedRequest::connection).containsOnly(1);
        assertThat(proxy.connectionCount()).isEqualTo(1);
    }

    @Test
    void answersAGivenStatusForAMatchingRequestOnce() {
        Fault fault = proxy.on("PUT", "/v2/.+/manifests/.+").respond(500);

        BuildahEnvironment.Result failed = push("status:1");
        BuildahEnvironment.Result retried = push("status:1");

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output()).contains("500");
        assertThat(retried.exitCode()).as(retried.output()).isZero();
        assertThat(fault.firedCount()).isEqualTo(1);
        assertThat(proxy.requests()).filteredOn(r -> r.line().equals("PUT /v2/status/manifests/1"))
                .extracting(RecordedRequest::status).containsExactly(500, 201);
    }

    @Test
    void answers401WithAChallengeToSimulateAnExpiredToken() {
        tokenProxy.on("PUT", "/v2/.+/manifests/.+").respond(401, Map.of("WWW-Authenticate",
                "Bearer realm=\"" + tokenRegistry.tokenServer().realm() + "\",service=\""
                        + RegistryServer.TOKEN_SERVICE + "\",error=\"invalid_token\""));

        BuildahEnvironment.Result push = buildah.skopeo("copy", "--dest-tls-verify=false",
                "--dest-authfile", tokenRegistry.writeAuthFile(tokenProxy.hostPort()).toString(),
                "oci:" + buildah.baseImageOciLayout() + ":latest", "docker://" + tokenProxy.hostPort() + "/expiry:1");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).containsIgnoringCase("unauthorized");
        assertThat(tokenProxy.requests()).anyMatch(r -> r.line().startsWith("PATCH /v2/expiry/blobs/uploads/")
                || r.line().startsWith("PUT /v2/expiry/blobs/uploads/"));
        assertThat(tokenRegistry.logText()).doesNotContain("PUT /v2/expiry/manifests/1");
    }

    @Test
    void resetsTheConnectionAfterNBytesOfARequest() {
        Fault fault = proxy.on("PATCH", "/v2/.+/blobs/uploads/.+").resetAfterRequestBytes(600);

        BuildahEnvironment.Result failed = push("request-reset:1");
        BuildahEnvironment.Result retried = push("request-reset:1");

        assertThat(failed.exitCode()).as(failed.output()).isNotZero();
        assertThat(fault.firedCount()).isEqualTo(1);
        assertThat(proxy.requests()).anyMatch(r -> r.line().startsWith("PATCH ") && r.status() == 0);
        assertThat(retried.exitCode()).as(retried.output()).isZero();
    }

    @Test
    void resetsTheConnectionAfterNBytesOfAResponse() {
        assertThat(push("response-reset:1").exitCode()).isZero();
        Fault fault = proxy.on("GET", "/v2/response-reset/manifests/1").resetAfterResponseBytes(40);

        BuildahEnvironment.Result inspect = buildah.skopeo("inspect", "--tls-verify=false", "--raw",
                "docker://" + proxy.hostPort() + "/response-reset:1");

        assertThat(inspect.exitCode()).as(inspect.output()).isNotZero();
        assertThat(fault.firedCount()).isEqualTo(1);
        assertThat(proxy.requests()).anyMatch(r -> r.line().equals("GET /v2/response-reset/manifests/1")
                && r.status() == 0);
    }

    @Test
    void delaysAMatchingRequestAndStillForwardsIt() {
        assertThat(push("delayed:1").exitCode()).isZero();
        Fault fault = proxy.on("*", "/v2/delayed/manifests/.+").delay(Duration.ofMillis(300));

        long started = System.nanoTime();
        BuildahEnvironment.Result inspect = buildah.skopeo("inspect", "--tls-verify=false", "--raw",
                "docker://" + proxy.hostPort() + "/delayed:1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(inspect.exitCode()).as(inspect.output()).isZero();
        assertThat(inspect.output()).contains("schemaVersion");
        assertThat(fault.firedCount()).isEqualTo(1);
        // a lower bound only: the proxy sleeps before forwarding, so this cannot flake
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
