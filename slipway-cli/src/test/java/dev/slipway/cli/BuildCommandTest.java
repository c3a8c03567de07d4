package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.image.BuildRequest;
import dev.slipway.testsupport.secrets.Canary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway build}'s options, usage errors (exit 2) and bad input (exit 2), without running a builder. */
class BuildCommandTest {
    private static final String CANARY_ENV = Canary.of("env");
    private static final String CANARY_TYPED_AS_VALUE = Canary.of("typed-as-value");
    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static BuildRequest parse(Map<String, String> environment, String... args) {
        BuildCommand command = new BuildCommand();
        command.environment = environment;
        new CommandLine(command).parseArgs(args);
        return command.request();
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("build", "--help")).isZero();
        assertThat(out.toString()).contains("--image", "--secret", "--build-arg", "--pull", "--driver", "--layout",
                "{gitCommitShort}", "Exit codes: 0 ok, 1 failed, 2 usage or bad input");
    }

    @Test
    void theImageIsRequired() {
        assertThat(run("build")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--image=REPOSITORY'");
    }

    @Test
    void aBadImageReferenceIsAUsageError() {
        assertThat(run("build", "--image", "Shop/Web", "--workspace", workspace.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--image: 'Shop/Web' is not a valid image reference", "Fix:");
    }

    @Test
    void aMissingDockerfileIsBadInputWithExitCode2AndItsFix() {
        assertThat(run("build", "--image", "shop.azurecr.io/shop/web", "--workspace", workspace.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("dockerfile: './Dockerfile' does not exist in the workspace", "Fix: check the path");
    }

    @Test
    void aContextOutsideTheWorkspaceIsRefused() throws Exception {
        Files.createDirectories(workspace.resolve("ws"));
        assertThat(run("build", "--image", "shop.azurecr.io/shop/web", "--workspace", workspace.resolve("ws").toString(),
                "--context", "..")).isEqualTo(2);
        assertThat(err.toString()).contains("context: '..' leads outside the workspace");
    }

    @Test
    void everyOptionReachesTheRequest() {
        BuildRequest request = parse(Map.of("NPM_TOKEN", CANARY_ENV), "--image", "shop.azurecr.io/shop/web:base",
                "-c", "app", "-f", "app/Dockerfile.prod", "-t", "{gitCommitShort}", "-t", "latest",
                "--build-arg", "A=1", "--label", "team=shop", "--no-default-labels", "--secret", "id=npmrc,src=.npmrc",
                "--secret", "id=token,env=NPM_TOKEN", "--target", "runtime", "--platform", "linux/arm64", "--pull", "always",
                "--no-cache", "--driver", "docker", "--layout", "out/layout", "--insecure-registry", "127.0.0.1:5000", "--pull-auth-file", "auth.json",
                "--git-commit", "abc1234def", "--branch", "main", "--build-number", "42", "--source-url", "https://git.example/s.git");

        assertThat(request.image().tag()).hasValue("base");
        assertThat(request.context()).isEqualTo("app");
        assertThat(request.dockerfile()).isEqualTo("app/Dockerfile.prod");
        assertThat(request.tags()).containsExactly("{gitCommitShort}", "latest");
        assertThat(request.buildArgs()).containsEntry("A", "1");
        assertThat(request.labels()).containsEntry("team", "shop");
        assertThat(request.defaultLabels()).isFalse();
        assertThat(request.secrets()).hasSize(2);
        assertThat(request.secrets().get(0).file()).isEqualTo(".npmrc");
        assertThat(request.secrets().get(1).value().reveal()).isEqualTo(CANARY_ENV);
        assertThat(request.toString()).doesNotContain(CANARY_ENV);
        assertThat(request.target()).isEqualTo("runtime");
        assertThat(request.platform()).isEqualTo("linux/arm64");
        assertThat(request.pull()).isEqualTo(BuildRequest.PullPolicy.ALWAYS);
        assertThat(request.noCache()).isTrue();
        assertThat(request.driver()).isEqualTo(BuildRequest.Driver.DOCKER);
        assertThat(request.outputLayout()).isEqualTo("out/layout");
        assertThat(request.insecureRegistries()).containsExactly("127.0.0.1:5000");
        assertThat(request.pullAuthFile()).isEqualTo("auth.json");
        assertThat(request.provenance().sourceCommit()).isEqualTo("abc1234def");
        assertThat(request.provenance().sourceBranch()).isEqualTo("main");
        assertThat(request.provenance().buildNumber()).isEqualTo(42L);
        assertThat(request.provenance().sourceRepository()).isEqualTo("https://git.example/s.git");
    }

    @Test
    void defaultsAreTheRequestDefaults() {
        BuildRequest request = parse(Map.of(), "--image", "shop.azurecr.io/shop/web");
        assertThat(request.driver()).isEqualTo(BuildRequest.Driver.AUTO);
        assertThat(request.pull()).isEqualTo(BuildRequest.PullPolicy.MISSING);
        assertThat(request.outputLayout()).isEqualTo(BuildRequest.DEFAULT_OUTPUT_LAYOUT);
        assertThat(request.defaultLabels()).isTrue();
        assertThat(request.secrets()).isEmpty();
    }

    @Test
    void aMalformedSecretIsAUsageErrorThatDoesNotEchoAValue() {
        for (List<String> secret : List.of(List.of("--secret", CANARY_TYPED_AS_VALUE),
                List.of("--secret", "id=t,src=a,env=B"), List.of("--secret", "src=file"))) {
            StringWriter errors = new StringWriter();
            CommandLine cli = SlipwayCommand.newCommandLine();
            cli.setErr(new PrintWriter(errors));
            List<String> args = new java.util.ArrayList<>(List.of("build", "--image", "a.io/b", "--workspace", workspace.toString()));
            args.addAll(secret);

            assertThat(cli.execute(args.toArray(String[]::new))).as(secret.toString()).isEqualTo(2);
            assertThat(errors.toString()).contains("--secret:", "is not id=ID,src=FILE or id=ID,env=VAR")
                    .doesNotContain(CANARY_TYPED_AS_VALUE);
        }
    }

    @Test
    void anUnsetSecretVariableIsNamed() {
        BuildCommand command = new BuildCommand();
        command.environment = Map.of();
        new CommandLine(command).parseArgs("--image", "a.io/b", "--secret", "id=token,env=NPM_TOKEN");
        org.assertj.core.api.Assertions.assertThatThrownBy(command::request)
                .hasMessageContaining("environment variable NPM_TOKEN (secret token) is not set");
    }

    @Test
    void badInputAsJsonNamesTheField() throws Exception {
        assertThat(run("build", "-o", "json", "--image", "shop.azurecr.io/shop/web", "--workspace", workspace.toString())).isEqualTo(2);

        com.fasterxml.jackson.databind.JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(document.at("/error/kind").asText()).isEqualTo("usage");
        assertThat(document.at("/error/field").asText()).isEqualTo("dockerfile");
        assertThat(document.at("/error/fix").asText()).startsWith("check the path");
    }
}
