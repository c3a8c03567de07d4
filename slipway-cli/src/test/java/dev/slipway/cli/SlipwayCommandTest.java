package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SlipwayCommandTest {

    @Test
    void versionComesFromTheBuild() {
        StringWriter out = new StringWriter();
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--version");

        assertThat(exit).isZero();
        assertThat(out.toString().trim()).matches("slipway \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        StringWriter err = new StringWriter();
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--no-such-option");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void aRunThatNamesASubcommandModelsOnlyThatOne() {
        CommandLine cli = SlipwayCommand.newCommandLine(java.util.Map.of(), new String[] {"gitops", "update", "--help"});

        assertThat(cli.getSubcommands()).containsOnlyKeys("gitops");
        assertThat(cli.getSubcommands().get("gitops").getSubcommands()).containsKeys("update", "help");
    }

    @Test
    void helpNoSubcommandOrAnUnknownOneGetThemAllInOrder() {
        java.util.List<String> all = java.util.List.of("build", "push", "copy", "deploy", "gitops", "wait", "login", "report",
                "deliver", "help");
        for (String[] args : java.util.List.of(new String[] {"help", "gitops"}, new String[] {"--version"}, new String[] {},
                new String[] {"gitopz"})) {
            assertThat(SlipwayCommand.newCommandLine(java.util.Map.of(), args).getSubcommands().keySet())
                    .as(String.join(" ", args)).containsExactlyElementsOf(all);
        }
        StringWriter err = new StringWriter();
        CommandLine cli = SlipwayCommand.newCommandLine(java.util.Map.of(), new String[] {"gitopz"});
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("gitopz")).isEqualTo(2);
        assertThat(err.toString()).contains("gitops");
    }
}
