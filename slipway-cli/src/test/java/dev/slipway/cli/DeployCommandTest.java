package dev.slipway.cli;

import dev.slipway.testsupport.secrets.Canary;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.kube.KubeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway deploy} against fabric8's Kubernetes mock (a fake API server). */
@Tag("server")
class DeployCommandTest {
    static final String CANARY = Canary.of("cli-token");
    static final String IMAGE = "shop.azurecr.io/shop/web:2@sha256:" + "2".repeat(64);

    @RegisterExtension
    static KubeServer kube = KubeServer.crud();

    @TempDir
    Path workspace;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path kubeconfig(String token) throws IOException {
        Path file = workspace.resolve("kubeconfig");
        Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + kube.url()
                + "\nusers:\n- name: ci\n  user:\n    token: " + token + "\ncontexts:\n- name: mock\n  context:\n"
                + "    cluster: mock\n    user: ci\n    namespace: cli\ncurrent-context: mock\n");
        return file;
    }

    private void manifests() throws IOException {
        Files.createDirectories(workspace.resolve("app"));
        Files.writeString(workspace.resolve("app/web.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n"
                + "      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n"
                + "        image: shop.azurecr.io/shop/web:latest\n");
    }

    @Test
    void planPrintsTheDiffAndExitsZero() throws IOException {
        manifests();

        int exit = run("deploy", "--plan", "-f", "app", "-i", IMAGE, "--kubeconfig", kubeconfig(CANARY).toString(),
                "--workspace", workspace.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("[plan] Deployment/cli/web: would create", "+         image: " + IMAGE,
                "plan: 1 to create, 0 to change, 0 unchanged");
        assertThat(out.toString() + err.toString()).doesNotContain(CANARY);
    }

    @Test
    void aRolloutPastItsDeadlineExitsWithFour() throws IOException {
        manifests();

        int exit = run("deploy", "-f", "app", "-i", IMAGE, "--kubeconfig", kubeconfig(CANARY).toString(),
                "--workspace", workspace.toString(), "--timeout", "300ms", "-n", "slow");

        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).contains("did not finish rolling out within PT0.3S");
        assertThat(out.toString() + err.toString()).doesNotContain(CANARY);
    }

    @Test
    void anExpiredTokenExitsWithThreeAndBadInputWithTwo() throws IOException {
        manifests();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1600000000}".getBytes(StandardCharsets.UTF_8));

        int expired = run("deploy", "-f", "app", "--kubeconfig", kubeconfig("eyJhbGciOiJub25lIn0." + payload + ".c2ln").toString(),
                "--workspace", workspace.toString());
        int missingManifests = run("deploy", "--kubeconfig", kubeconfig(CANARY).toString());
        int badTimeout = run("deploy", "-f", "app", "--timeout", "soon", "--kubeconfig", kubeconfig(CANARY).toString());

        assertThat(expired).isEqualTo(3);
        assertThat(missingManifests).isEqualTo(2);
        assertThat(badTimeout).isEqualTo(2);
        assertThat(err.toString()).contains("token expired at 2020-09-13T12:26:40Z", "Missing required option: '--manifests",
                "--timeout: 'soon' is not a duration");
    }

    @Test
    void theKubeconfigComesFromTheEnvironmentWhenNoFileIsGiven() throws IOException {
        manifests();
        Path file = kubeconfig(CANARY);
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        DeployCommand deploy = cli.getSubcommands().get("deploy").getCommand();
        deploy.environment = Map.of("KUBECONFIG", file.toString());

        int exit = cli.execute("deploy", "--plan", "-f", "app", "--workspace", workspace.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("would create");
    }

    @Test
    void planAsJsonHoldsEveryObjectWithItsDiffAndStdoutHoldsNothingElse() throws Exception {
        manifests();

        int exit = run("deploy", "-o", "json", "--plan", "-f", "app", "-i", IMAGE, "--kubeconfig", kubeconfig(CANARY).toString(),
                "--workspace", workspace.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(document.at("/result/objects/0/kind").asText()).isEqualTo("Deployment");
        assertThat(document.at("/result/objects/0/action").asText()).isEqualTo("WOULD_CREATE");
        assertThat(document.at("/result/objects/0/diff").asText()).contains("+         image: " + IMAGE);
        assertThat(document.at("/result/message").asText()).contains("plan: 1 to create");
        assertThat(err.toString()).contains("[plan] Deployment/cli/web: would create");
        assertThat(out.toString() + err).doesNotContain(CANARY);
    }

    @Test
    void timeoutAndAuthErrorsAsJsonCarryTheirKind() throws Exception {
        manifests();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1600000000}".getBytes(StandardCharsets.UTF_8));

        int late = run("deploy", "-o", "json", "-f", "app", "-i", IMAGE, "--kubeconfig", kubeconfig(CANARY).toString(),
                "--workspace", workspace.toString(), "--timeout", "300ms", "-n", "slow");
        JsonNode timeout = JsonOutput.MAPPER.readTree(out.toString());
        out.getBuffer().setLength(0);
        int expired = run("deploy", "-o", "json", "-f", "app", "--kubeconfig",
                kubeconfig("eyJhbGciOiJub25lIn0." + payload + ".c2ln").toString(), "--workspace", workspace.toString());
        JsonNode auth = JsonOutput.MAPPER.readTree(out.toString());

        assertThat(late).isEqualTo(4);
        assertThat(timeout.at("/error/kind").asText()).isEqualTo("timeout");
        assertThat(timeout.at("/error/message").asText()).contains("did not finish rolling out within PT0.3S");
        assertThat(expired).isEqualTo(3);
        assertThat(auth.at("/error/kind").asText()).isEqualTo("auth");
        assertThat(auth.get("exitCode").asInt()).isEqualTo(3);
    }
}
