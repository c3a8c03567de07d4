package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway gitops update --repo <url>} against a real smart-HTTP Git server with basic auth. */
@Tag("real-server")
class GitOpsUpdateRemoteCommandTest {
    @RegisterExtension
    static final GitHttpServer GIT = GitServer.smartHttp();

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        GitOpsCommand.Update update = cli.getSubcommands().get("gitops").getSubcommands().get("update").getCommand();
        update.environment = env;
        return cli.execute(args);
    }

    @Test
    void commitsAndPushesThenIsUpToDateWithoutPrintingTheToken() {
        BareRepo repo = GIT.createRepo("cli-remote");
        repo.seed("main", Map.of("overlays/prod/deploy.yaml", GitOpsUpdateCommandTest.DEPLOYMENT), "seed");
        Map<String, String> env = Map.of("GIT_TOKEN", GIT.password());
        String[] args = {"gitops", "update", "--repo", repo.url(), "--path", "overlays/prod", "--image", GitOpsUpdateCommandTest.NEW,
            "--git-username", GIT.username(), "--git-password-env", "GIT_TOKEN", "--cache", temp.toString(), "--build-number", "7"};

        assertThat(run(env, args)).as(err.toString()).isZero();
        assertThat(out.toString().trim()).isEqualTo(repo.head("main"));
        assertThat(repo.readFile("main", "overlays/prod/deploy.yaml")).contains(GitOpsUpdateCommandTest.NEW);
        assertThat(repo.message("main")).contains("Slipway-Build-Number: 7");

        out.getBuffer().setLength(0);
        assertThat(run(env, args)).isZero();
        assertThat(out.toString()).startsWith("already up to date at " + repo.head("main"));
        assertThat(out.toString() + err).doesNotContain(GIT.password());
    }

    @Test
    void aWrongTokenIsExitCode3AndAMissingVariableIsAUsageError() {
        BareRepo repo = GIT.createRepo("cli-remote-auth");
        repo.seed("main", Map.of("deploy.yaml", GitOpsUpdateCommandTest.DEPLOYMENT), "seed");

        int wrong = run(Map.of("GIT_TOKEN", "not-the-password-123"), "gitops", "update", "--repo", repo.url(), "--image",
                GitOpsUpdateCommandTest.NEW, "--git-password-env", "GIT_TOKEN", "--cache", temp.toString());
        assertThat(wrong).isEqualTo(3);
        assertThat(err.toString()).doesNotContain("not-the-password-123");

        int missing = run(Map.of(), "gitops", "update", "--repo", repo.url(), "--image", GitOpsUpdateCommandTest.NEW,
                "--git-password-env", "GIT_TOKEN", "--cache", temp.toString());
        assertThat(missing).isEqualTo(2);
        assertThat(err.toString()).contains("--git-password-env: environment variable GIT_TOKEN is empty or not set");
    }

    @Test
    void repoAndLocalExcludeEachOther() {
        assertThat(run(Map.of(), "gitops", "update", "--repo", "https://x.example/r.git", "--local", temp.toString(),
                "--image", GitOpsUpdateCommandTest.NEW)).isEqualTo(2);
        assertThat(err.toString()).contains("--repo and --local exclude each other");
    }

    @Test
    void jsonOutputHoldsTheCommitAndAWrongTokenIsAnAuthError() throws Exception {
        BareRepo repo = GIT.createRepo("cli-remote-json");
        repo.seed("main", Map.of("deploy.yaml", GitOpsUpdateCommandTest.DEPLOYMENT), "seed");

        int exit = run(Map.of("GIT_TOKEN", GIT.password()), "gitops", "update", "-o", "json", "--repo", repo.url(), "--image",
                GitOpsUpdateCommandTest.NEW, "--git-username", GIT.username(), "--git-password-env", "GIT_TOKEN",
                "--cache", temp.toString());
        JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        out.getBuffer().setLength(0);
        int refused = run(Map.of("GIT_TOKEN", "not-the-password-json-456"), "gitops", "update", "-o", "json", "--repo", repo.url(),
                "--image", GitOpsUpdateCommandTest.NEW, "--git-password-env", "GIT_TOKEN", "--cache", temp.resolve("other").toString());
        JsonNode auth = JsonOutput.MAPPER.readTree(out.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(document.at("/result/commit").asText()).isEqualTo(repo.head("main"));
        assertThat(document.at("/result/upToDate").asBoolean()).isFalse();
        assertThat(document.at("/result/changes/0/newValue").asText()).isEqualTo(GitOpsUpdateCommandTest.NEW);
        assertThat(refused).isEqualTo(3);
        assertThat(auth.at("/error/kind").asText()).isEqualTo("auth");
        assertThat(out.toString() + err).doesNotContain("not-the-password-json-456").doesNotContain(GIT.password());
    }
}
