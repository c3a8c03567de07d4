package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What every command promises, checked over the whole command tree so a new command cannot skip it: help with
 * examples and a description for every option, the shared engine options, usage errors as exit 2 naming the option
 * (as text or as JSON), configuration from SLIPWAY_* variables below flags, and the workspace confinement.
 */
class CommandLineContractTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    private CommandLine cli() {
        CommandLine cli = SlipwayCommand.newCommandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    private int run(String... args) {
        return cli().execute(args);
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        if (!(root.getCommand() instanceof CommandLine.HelpCommand)) {
            all.add(root);
        }
        root.getSubcommands().values().stream().distinct().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    @Test
    void everyCommandsHelpHasExamplesAndEveryOptionADescription() {
        List<CommandLine> commands = commands(cli());
        assertThat(commands).extracting(c -> c.getCommandSpec().qualifiedName(" ")).contains("slipway build", "slipway push",
                "slipway copy", "slipway deploy", "slipway gitops update", "slipway wait", "slipway login", "slipway report");
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName(" ");
            assertThat(command.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name).contains("Examples:", "  slipway ");
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                assertThat(String.join(" ", option.description())).as(name + " " + option.longestName()).isNotBlank();
            }
            for (CommandLine.Model.PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
                assertThat(String.join(" ", parameter.description())).as(name + " " + parameter.paramLabel()).isNotBlank();
            }
        }
    }

    @Test
    void noExampleLineIsWrappedSoExamplesStayCopyable() {
        for (CommandLine command : commands(cli())) {
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                assertThat(line.startsWith("  ") ? line.replace("%n", "") : "").as(command.getCommandSpec().qualifiedName(" "))
                        .hasSizeLessThanOrEqualTo(command.getCommandSpec().usageMessage().width());
            }
        }
    }

    @Test
    void everyEngineCommandHasTheSharedOptionsAndDocumentsExitCodesAndEnvironment() {
        for (CommandLine command : commands(cli())) {
            if (command.getCommand() instanceof EngineCommand) {
                String name = command.getCommandSpec().qualifiedName(" ");
                assertThat(command.getCommandSpec().findOption("--output")).as(name).isNotNull();
                assertThat(command.getCommandSpec().findOption("-o")).as(name).isNotNull();
                assertThat(command.getCommandSpec().findOption("--workspace")).as(name).isNotNull();
                assertThat(command.getCommandSpec().findOption("--no-progress")).as(name).isNotNull();
                assertThat(command.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name)
                        .contains("Exit codes: 0 ok, 1 failed, 2 usage", "SLIPWAY_<OPTION>");
            }
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("build"), "--image"),
                Arguments.of(List.of("push", "--image", "r.example/a"), "--layout"),
                Arguments.of(List.of("copy", "--to", "r.example/a"), "--from"),
                Arguments.of(List.of("deploy"), "--manifests"),
                Arguments.of(List.of("gitops", "update", "--image", "r.example/a:1"), "--repo"),
                Arguments.of(List.of("wait", "--argocd-app", "web"), "--commit"),
                Arguments.of(List.of("login", "--", "true"), "--registry"),
                Arguments.of(List.of("report"), "INPUT"),
                Arguments.of(List.of("push", "--layout", "x", "--image", "r.example/a", "--output", "yaml"), "--output"),
                Arguments.of(List.of("wait", "--commit", "c", "--argocd-app", "web", "--timeout", "soon"), "--timeout"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void aUsageErrorExitsTwoNamingTheOptionAsTextAndAsJson(List<String> args, String option) throws Exception {
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains(option);
        assertThat(out.toString()).isEmpty();

        err.getBuffer().setLength(0);
        List<String> json = new ArrayList<>(args);
        if (args.contains("--output")) {
            env.put("SLIPWAY_OUTPUT", "json"); // the bad format is the error: the environment asks for JSON
        } else {
            json.add(args.contains("--") ? args.indexOf("--") : args.size(), "-o=json");
        }
        assertThat(run(json.toArray(String[]::new))).isEqualTo(2);
        JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(document.get("exitCode").asInt()).isEqualTo(2);
        assertThat(document.at("/error/kind").asText()).isEqualTo("usage");
        assertThat(document.at("/error/field").asText() + document.at("/error/message").asText()).contains(option);
    }

    @Test
    void flagsWinOverEnvironmentVariablesWhichWinOverDefaults() {
        env.put("SLIPWAY_POLL_INTERVAL", "2s");
        env.put("SLIPWAY_COMMIT", "abc");
        env.put("SLIPWAY_NO_PROGRESS", "true");

        CommandLine fromEnvironment = cli();
        fromEnvironment.parseArgs("wait", "--argocd-app", "web");
        WaitCommand waitFromEnvironment = fromEnvironment.getSubcommands().get("wait").getCommand();
        CommandLine fromFlags = cli();
        fromFlags.parseArgs("wait", "--argocd-app", "web", "--poll-interval", "9s", "--commit", "def");
        WaitCommand waitFromFlags = fromFlags.getSubcommands().get("wait").getCommand();

        assertThat(waitFromEnvironment.pollInterval).isEqualTo("2s");
        assertThat(waitFromEnvironment.commit).as("a required option set in the environment").isEqualTo("abc");
        assertThat(waitFromEnvironment.noProgress).isTrue();
        assertThat(waitFromEnvironment.timeout).as("no variable: the option's default").isEqualTo("10m");
        assertThat(waitFromFlags.pollInterval).isEqualTo("9s");
        assertThat(waitFromFlags.commit).isEqualTo("def");
        assertThat(EnvironmentDefaults.variableOf(fromFlags.getSubcommands().get("gitops").getSubcommands().get("update")
                .getCommandSpec().findOption("--git-password-env"))).isEqualTo("SLIPWAY_GIT_PASSWORD_ENV");
    }

    @Test
    void aLayoutOutsideTheWorkspaceIsRefusedAlsoWithTheDefaultWorkspace() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Path outside = Files.createDirectories(temp.resolve("outside/layout"));

        int relative = run("push", "--workspace", workspace.toString(), "--layout", "../outside/layout", "--image", "r.example/a");
        int absolute = run("push", "--workspace", workspace.toString(), "--layout", outside.toString(), "--image", "r.example/a");
        // the default workspace is the current folder (the module here), not the file-system root
        int byDefault = run("push", "--layout", outside.toString(), "--image", "r.example/a");

        assertThat(List.of(relative, absolute, byDefault)).containsOnly(2);
        assertThat(err.toString()).contains("layout: '../outside/layout' is outside the workspace " + workspace,
                "layout: '" + outside + "' is outside the workspace " + Path.of("").toAbsolutePath(), "Fix:");
    }

    @Test
    void anEngineErrorInJsonModeIsTheOnlyThingOnStdout() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));

        int exit = run("push", "-o", "json", "--workspace", workspace.toString(), "--layout", "../x", "--image", "r.example/a");

        assertThat(exit).isEqualTo(2);
        JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(document.at("/error/field").asText()).isEqualTo("layout");
        assertThat(document.at("/error/fix").asText()).isEqualTo("give a path inside the workspace");
        assertThat(out.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).doesNotContain("outside the workspace");
    }

    @Test
    void ciOrJenkinsMeansPlainLines() {
        assertThat(EngineCommand.isCi(Map.of("CI", "true"))).isTrue();
        assertThat(EngineCommand.isCi(Map.of("JENKINS_URL", "https://ci.example/"))).isTrue();
        assertThat(EngineCommand.isCi(Map.of("CI", "false"))).isFalse();
        assertThat(EngineCommand.isCi(Map.of())).isFalse();
    }

    @Test
    void exitCodesFollowTheErrorsType() {
        assertThat(EngineCommand.exitCode(new dev.slipway.support.InvalidInputException("--x", "bad", "fix"))).isEqualTo(2);
        assertThat(EngineCommand.exitCode(new dev.slipway.support.AuthenticationException("refused", null))).isEqualTo(3);
        assertThat(EngineCommand.exitCode(new dev.slipway.support.DeadlineExceededException("late", java.time.Duration.ofSeconds(1),
                null))).isEqualTo(4);
        assertThat(EngineCommand.exitCode(new dev.slipway.kube.RolloutFailedException("late", null, true, null))).isEqualTo(4);
        assertThat(EngineCommand.exitCode(new dev.slipway.kube.RolloutFailedException("crashed", null, false, null))).isEqualTo(1);
        assertThat(EngineCommand.exitCode(new dev.slipway.support.SlipwayException("failed", null))).isEqualTo(1);
    }
}
