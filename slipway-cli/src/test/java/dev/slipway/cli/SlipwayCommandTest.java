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
}
