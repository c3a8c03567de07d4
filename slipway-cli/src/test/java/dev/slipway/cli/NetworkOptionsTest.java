package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkSettings;
import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI's network options: HTTPS_PROXY/HTTP_PROXY/NO_PROXY and --proxy, --ca-file, mapped into the engine-wide
 * setting; {@code slipway push} through the fault proxy (forward mode) to real registries; the proxy password from the
 * environment never printed.
 */
@Tag("registry")
class NetworkOptionsTest {
    private static final String CANARY = Canary.of("cli-proxy-pass");

    @RegisterExtension
    static final RegistryServer plain = RegistryServer.noAuth();
    @RegisterExtension
    static final RegistryServer tls = RegistryServer.tls();
    @RegisterExtension
    static final FaultProxy proxy = FaultProxy.forward();
    @RegisterExtension
    static final FaultProxy authenticating = FaultProxy.forward().requireBasicAuth("builder", CANARY);
    @RegisterExtension
    static final BuildahEnvironment buildah = new BuildahEnvironment();

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void reset() {
        proxy.reset();
        authenticating.reset();
    }

    private int run(String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        EngineCommand command = cli.getSubcommands().get("push").getCommand();
        command.environment = env;
        command.stdin = new ByteArrayInputStream(new byte[0]);
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (cli.getSubcommands().get("push").getCommandSpec().findOption("--workspace") != null) {
            // where push confines layouts to a workspace: the folder of the base image's layout
            all.addAll(1, List.of("--workspace", buildah.baseImageOciLayout().getParent().toString()));
        }
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void theEnvironmentsProxyVariablesBecomeTheNetworkSetting() {
        NetworkSettings settings = TransportOptions.fromEnvironment(Map.of("HTTPS_PROXY", "http://u:" + CANARY + "@proxy.corp:3128",
                "HTTP_PROXY", "http://other:8080", "NO_PROXY", "localhost,.internal.corp"));

        assertThat(settings.describeProxy()).isEqualTo("http://u@proxy.corp:3128");
        assertThat(settings.proxyPassword().reveal()).isEqualTo(CANARY);
        assertThat(settings.noProxy()).containsExactly("localhost", ".internal.corp");
        assertThat(TransportOptions.fromEnvironment(Map.of("http_proxy", "http://lower:1", "HTTP_PROXY", "http://upper:2"))
                .proxyHost()).isEqualTo("lower");
        assertThat(TransportOptions.fromEnvironment(Map.of()).hasProxy()).isFalse();
    }

    @Test
    void aCaFileWithoutCertificatesIsAUsageError() throws Exception {
        Path notPem = Files.writeString(temp.resolve("ca.pem"), "hello");

        int exit = run("push", "--layout", temp.toString(), "--image", plain.hostPort() + "/x/y:1", "--ca-file", notPem.toString());

        assertThat(exit).isEqualTo(EngineCommand.USAGE);
        assertThat(err.toString()).contains("ca-file");
        TransportOptions missing = new TransportOptions();
        missing.caFile = temp.resolve("missing.pem");
        assertThatThrownBy(() -> missing.apply(new dev.slipway.delivery.EngineContext(temp, dev.slipway.support.Events.silent()),
                Map.of())).isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot read");
    }

    @Test
    void pushGoesThroughTheProxyOfHttpsProxyAndItsPasswordIsNeverPrinted() {
        env.put("HTTPS_PROXY", "http://builder:" + CANARY + "@" + authenticating.hostPort());

        int exit = run("push", "--layout", buildah.baseImageOciLayout().toString(), "--image", plain.hostPort() + "/cli/proxied:1.0",
                "--plain-http", plain.hostPort());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(authenticating.requests()).anyMatch(r -> r.line().startsWith("PUT /v2/cli/proxied/manifests/"));
        assertThat(out.toString() + err.toString()).doesNotContain(CANARY);
    }

    @Test
    void aWrongProxyPasswordIsAnAuthFailureThatDoesNotPrintIt() {
        String wrong = "wrong-" + CANARY;
        env.put("HTTPS_PROXY", "http://builder:" + wrong + "@" + authenticating.hostPort());

        int exit = run("push", "--layout", buildah.baseImageOciLayout().toString(), "--image", plain.hostPort() + "/cli/refused:1.0",
                "--plain-http", plain.hostPort(), "--retries", "1");

        assertThat(exit).isEqualTo(EngineCommand.AUTH);
        assertThat(err.toString()).contains("proxy").doesNotContain(wrong);
    }

    @Test
    void aTlsRegistryWithAPrivateCaIsReachedThroughTheProxyWithCaFile() {
        int exit = run("push", "--layout", buildah.baseImageOciLayout().toString(), "--image", tls.hostPort() + "/cli/tls:1.0",
                "--proxy", proxy.baseUri().toString(), "--ca-file", tls.caCertificatePem().toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(proxy.requests()).isNotEmpty().allMatch(r -> r.method().equals("CONNECT"));
    }

    @Test
    void noProxySendsThePushDirectly() {
        env.put("HTTPS_PROXY", proxy.baseUri().toString());
        env.put("NO_PROXY", "127.0.0.1");

        int exit = run("push", "--layout", buildah.baseImageOciLayout().toString(), "--image", plain.hostPort() + "/cli/direct:1.0",
                "--plain-http", plain.hostPort());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(proxy.requests()).isEmpty();
        assertThat(List.of(out.toString())).isNotEmpty();
    }
}
