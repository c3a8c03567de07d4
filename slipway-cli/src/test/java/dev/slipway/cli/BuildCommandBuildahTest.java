package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway build} with real buildah, from a local base image served by a real registry. */
@Tag("real-server")
class BuildCommandBuildahTest {
    private static final String CANARY = Canary.of("cli-env");

    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer registry = RegistryServer.noAuth();
    private static String base;

    @TempDir
    Path workspace;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void publishTheBaseImage() {
        base = registry.hostPort() + "/slipway/base:latest";
        buildah.skopeo("copy", "--dest-tls-verify=false", "oci:" + buildah.baseImageOciLayout() + ":latest", "docker://" + base)
                .requireSuccess();
    }

    private int build(String... extra) {
        BuildCommand command = new BuildCommand();
        command.environment = Map.of("TOKEN", CANARY);
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] common = {"--image", registry.hostPort() + "/shop/web", "--workspace", workspace.toString(),
            "--insecure-registry", registry.hostPort(), "--secret", "id=token,env=TOKEN", "--build-number", "5"};
        String[] args = new String[common.length + extra.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(extra, 0, args, common.length, extra.length);
        return cli.execute(args);
    }

    @Test
    void buildsTheLayoutAndPrintsTheDigestReference() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + base + "\n"
                + "RUN --mount=type=secret,id=token cat /run/secrets/token && wc -c < /run/secrets/token > /token-length\n");

        int exit = build("--tag", "v{buildNumber}");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("image:  " + registry.hostPort() + "/shop/web@sha256:[0-9a-f]{64}")
                .contains("tags:   v5", "layout: .slipway/oci-layout");
        assertThat(workspace.resolve(".slipway/oci-layout/index.json")).isRegularFile();
        assertThat(err.toString()).contains("/shop/web: building Dockerfile", "[build] built ", "****")
                .doesNotContain(CANARY);
        assertThat(out.toString()).doesNotContain(CANARY);
    }

    @Test
    void aFailingStepExitsWith1AndShowsItsOutput() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + base + "\nRUN echo no-such-tool && exit 127\n");

        assertThat(build()).isEqualTo(1);
        assertThat(err.toString()).contains("slipway build: step RUN echo no-such-tool && exit 127 failed with exit code 127",
                "no-such-tool", "Fix: fix the failing step");
        assertThat(workspace.resolve(".slipway/oci-layout")).doesNotExist();
    }

    @Test
    void jsonOutputHoldsTheBuiltImageAndItsLayout() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM " + base + "\nRUN echo built > /built\n");

        int exit = build("-o", "json", "--layout", "out/json-layout");

        assertThat(exit).as(err.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(document.at("/result/image").asText()).matches(java.util.regex.Pattern.quote(registry.hostPort())
                + "/shop/web@sha256:[0-9a-f]{64}");
        assertThat(document.at("/result/layout").asText()).isEqualTo("out/json-layout");
        assertThat(document.at("/result/driver").asText()).isEqualTo("BUILDAH");
        assertThat(document.at("/result/sizeBytes").asLong()).isPositive();
        assertThat(out.toString()).doesNotContain(CANARY);
    }
}
