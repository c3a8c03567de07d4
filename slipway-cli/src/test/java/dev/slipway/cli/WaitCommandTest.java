package dev.slipway.cli;

import dev.slipway.testsupport.secrets.Canary;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.fakes.ArgoCdFake;
import dev.slipway.testsupport.fakes.GitHubFake;
import dev.slipway.testsupport.kube.KubeServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway wait} against the Argo CD and GitHub fakes and fabric8's Kubernetes mock. */
@Tag("server")
class WaitCommandTest {
    private static final String CANARY_CLI_WRONG = Canary.of("cli-wrong");
    private static final String CANARY_CLI_WRONG_JSON = Canary.of("cli-wrong-json");
    static final String ARGO_TOKEN = Canary.of("cli-argocd");
    static final String GITHUB_TOKEN = Canary.of("cli-github");
    static final String OURS = "3333333333333333333333333333333333333333";
    static final String OLD = "4444444444444444444444444444444444444444";

    @RegisterExtension
    static ArgoCdFake argo = new ArgoCdFake(ARGO_TOKEN);
    @RegisterExtension
    static GitHubFake github = new GitHubFake(GITHUB_TOKEN);
    @RegisterExtension
    static KubeServer kube = KubeServer.crud();

    @TempDir
    Path workspace;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String stdin, String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        WaitCommand wait = cli.getSubcommands().get("wait").getCommand();
        wait.environment = environment;
        wait.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    private String output() {
        return out + "\n" + err;
    }

    @Test
    void argoCdLiveExitsZeroWithTheTokenFromTheEnvironment() {
        argo.application("web", "Synced", "Healthy", OURS, "Succeeded");

        int code = run(Map.of(WaitCommand.ARGOCD_TOKEN_VARIABLE, ARGO_TOKEN), "", "wait", "--argocd-app", "web",
                "--argocd-url", argo.url(), "--commit", OURS, "--poll-interval", "10ms", "--timeout", "30s");

        assertThat(code).as(output()).isZero();
        assertThat(out.toString()).contains("live: revision 333333333333 is Synced and Healthy");
        assertThat(output()).doesNotContain(ARGO_TOKEN);
    }

    @Test
    void degradedExitsOne() {
        argo.application("sick", "Synced", "Degraded", OURS, "Succeeded");

        int code = run(Map.of(), ARGO_TOKEN, "wait", "--argocd-app", "sick", "--argocd-url", argo.url(), "--commit", OURS,
                "--token-stdin", "--poll-interval", "10ms");

        assertThat(code).as(output()).isEqualTo(1);
        assertThat(out.toString()).contains("not live: Degraded");
    }

    @Test
    void aWrongTokenFromAFileExitsThreeWithoutShowingIt() throws IOException {
        argo.application("web", "Synced", "Healthy", OURS, "Succeeded");
        Path tokenFile = workspace.resolve("token");
        Files.writeString(tokenFile, CANARY_CLI_WRONG + "\n");

        int code = run(Map.of(), "", "wait", "--argocd-app", "web", "--argocd-url", argo.url(), "--commit", OURS,
                "--argocd-token-file", tokenFile.toString());

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("refused the token").doesNotContain(CANARY_CLI_WRONG);
    }

    @Test
    void theDeadlineExitsFour() {
        argo.application("late", "Synced", "Healthy", OLD, "Succeeded");

        int code = run(Map.of(WaitCommand.ARGOCD_TOKEN_VARIABLE, ARGO_TOKEN), "", "wait", "--argocd-app", "late",
                "--argocd-url", argo.url(), "--commit", OURS, "--poll-interval", "10ms", "--timeout", "200ms");

        assertThat(code).isEqualTo(4);
        assertThat(err.toString()).contains("did not show 333333333333 live within PT0.2S");
    }

    @Test
    void badUsageExitsTwoAndThereIsNoTokenOption() {
        assertThat(run(Map.of(), "", "wait", "--commit", OURS)).isEqualTo(2);
        assertThat(err.toString()).contains("name exactly one of them");
        assertThat(run(Map.of(), "", "wait", "--argocd-app", "web", "--commit", OURS, "--token", "x")).isEqualTo(2);
        assertThat(run(Map.of(), "", "wait", "--argocd-app", "web", "--argocd-url", argo.url(), "--commit", "xyz")).isEqualTo(2);
    }

    @Test
    void fluxFailureStatusOnGitHubExitsOne() throws Exception {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(github.url() + "/repos/acme/apps/statuses/" + OURS))
                .header("Authorization", "Bearer " + GITHUB_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"failure\",\"context\":\"kustomization/web/1a2b3c4d\","
                        + "\"description\":\"health check failed\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(201);

        int code = run(Map.of(WaitCommand.GIT_TOKEN_VARIABLE, GITHUB_TOKEN), "", "wait", "--flux", "web", "--commit", OURS,
                "--repository", "https://github.com/acme/apps.git", "--git-api-url", github.url(), "--poll-interval", "10ms");

        assertThat(code).as(output()).isEqualTo(1);
        assertThat(out.toString()).contains("health check failed");
        assertThat(output()).doesNotContain(GITHUB_TOKEN);
    }

    @Test
    void fluxThroughTheClusterWithAKubeconfigExitsZero() throws IOException {
        var resource = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        resource.setApiVersion("kustomize.toolkit.fluxcd.io/v1");
        resource.setKind("Kustomization");
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("web").withNamespace("flux-system").build());
        resource.setAdditionalProperty("spec", Map.of("path", "./deploy"));
        kube.client().genericKubernetesResources(KubeServer.FLUX_KUSTOMIZATION).inNamespace("flux-system").resource(resource).create();
        kube.fluxKustomizationStatus("flux-system", "web", true, "ReconciliationSucceeded", "main@sha1:" + OURS);
        Path kubeconfig = workspace.resolve("kubeconfig");
        String kubeToken = Canary.of("cli-kube");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + kube.url()
                + "\nusers:\n- name: ci\n  user:\n    token: " + kubeToken + "\ncontexts:\n- name: mock\n  context:\n"
                + "    cluster: mock\n    user: ci\ncurrent-context: mock\n");

        int code = run(Map.of(), "", "wait", "--flux", "flux-system/web", "--commit", OURS, "--kubeconfig",
                kubeconfig.toString(), "--refresh", "--poll-interval", "10ms");

        assertThat(code).as(output()).isZero();
        assertThat(output()).doesNotContain(kubeToken);
    }

    @Test
    void jsonOutputHoldsTheResultOrTheErrorWithItsKind() throws Exception {
        argo.application("json-live", "Synced", "Healthy", OURS, "Succeeded");
        argo.application("json-late", "Synced", "Healthy", OLD, "Succeeded");

        int live = run(Map.of(WaitCommand.ARGOCD_TOKEN_VARIABLE, ARGO_TOKEN), "", "wait", "-o", "json", "--argocd-app", "json-live",
                "--argocd-url", argo.url(), "--commit", OURS, "--poll-interval", "10ms", "--timeout", "30s");
        JsonNode result = JsonOutput.MAPPER.readTree(out.toString());
        out.getBuffer().setLength(0);
        int late = run(Map.of(WaitCommand.ARGOCD_TOKEN_VARIABLE, ARGO_TOKEN), "", "wait", "-o", "json", "--argocd-app", "json-late",
                "--argocd-url", argo.url(), "--commit", OURS, "--poll-interval", "10ms", "--timeout", "200ms");
        JsonNode timeout = JsonOutput.MAPPER.readTree(out.toString());
        out.getBuffer().setLength(0);
        int refused = run(Map.of(WaitCommand.ARGOCD_TOKEN_VARIABLE, CANARY_CLI_WRONG_JSON), "", "wait", "-o", "json",
                "--argocd-app", "json-live", "--argocd-url", argo.url(), "--commit", OURS);
        JsonNode auth = JsonOutput.MAPPER.readTree(out.toString());

        assertThat(live).as(output()).isZero();
        assertThat(result.at("/result/live").asBoolean()).isTrue();
        assertThat(result.at("/result/commit").asText()).isEqualTo(OURS);
        assertThat(result.at("/result/status").asText()).contains("Synced");
        assertThat(late).isEqualTo(4);
        assertThat(timeout.at("/error/kind").asText()).isEqualTo("timeout");
        assertThat(refused).isEqualTo(3);
        assertThat(auth.at("/error/kind").asText()).isEqualTo("auth");
        assertThat(output()).doesNotContain(ARGO_TOKEN).doesNotContain(CANARY_CLI_WRONG_JSON);
    }
}
