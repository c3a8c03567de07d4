package dev.slipway.testsupport.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testsupport.process.FreePorts;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Fault matching, and the proxy alone (no upstream server). */
class FaultTest {
    private final FaultProxy proxy = FaultProxy.inFrontOf(() -> "127.0.0.1:1");

    @Test
    void firesOnceByDefaultThenLetsRequestsPass() {
        Fault fault = proxy.on("PUT", "/v2/.+/manifests/.+").respond(500);

        assertThat(fault.tryFire("PUT", "/v2/app/manifests/1")).isTrue();
        assertThat(fault.tryFire("PUT", "/v2/app/manifests/1")).isFalse();
        assertThat(fault.firedCount()).isEqualTo(1);
    }

    @Test
    void firesTheGivenNumberOfTimesOrAlways() {
        Fault twice = proxy.on("GET", "/v2/").times(2).delay(Duration.ZERO);
        Fault always = proxy.on("*", "/v2/.*").always().resetAfterResponseBytes(1);

        assertThat(IntStream.range(0, 3).mapToObj(i -> twice.tryFire("GET", "/v2/"))).containsExactly(true, true, false);
        assertThat(IntStream.range(0, 5).mapToObj(i -> always.tryFire("HEAD", "/v2/x"))).containsOnly(true);
    }

    @Test
    void matchesTheMethodIgnoringCaseAndTheWholePath() {
        Fault fault = proxy.on("patch", "/v2/.+/blobs/uploads/.+").always().resetAfterRequestBytes(10);

        assertThat(fault.tryFire("PATCH", "/v2/app/blobs/uploads/abc")).isTrue();
        assertThat(fault.tryFire("PUT", "/v2/app/blobs/uploads/abc")).isFalse();
        assertThat(fault.tryFire("PATCH", "/prefix/v2/app/blobs/uploads/abc")).isFalse();
    }

    @Test
    void anUnreachableUpstreamIsA502InTheLog() throws Exception {
        int closedPort = FreePorts.next();
        try (FaultProxy toNowhere = FaultProxy.inFrontOf(() -> "127.0.0.1:" + closedPort).start()) {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(toNowhere.baseUri().resolve("/v2/")).build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(toNowhere.requests()).singleElement().hasToString("#1 GET /v2/ -> 502 [upstream unreachable]");
        }
    }

    @Test
    void timesMustBePositive() {
        assertThatThrownBy(() -> proxy.on("GET", "/").times(0)).hasMessageContaining("times must be at least 1");
    }
}
