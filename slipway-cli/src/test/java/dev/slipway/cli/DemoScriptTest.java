package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.process.RequiredBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@code scripts/demo.sh} and the {@code slipway} launcher that can be checked without running the
 * demo (which needs the network for its base image and minutes of buildah): syntax, shellcheck, the launcher's
 * message when the jar is missing, and that the registry password only ever travels in the environment or files.
 */
class DemoScriptTest {
    private static final Path DEMO = Path.of("..", "scripts", "demo.sh");
    private static final Path LAUNCHER = Path.of("src", "main", "sh", "slipway");

    @Test
    void demoScriptIsValidBash() throws Exception {
        Result result = run(List.of("bash", "-n", DEMO.toString()), null);
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void demoScriptAndLauncherPassShellcheck() throws Exception {
        Path shellcheck = RequiredBinary.of("shellcheck", "shellcheck").require();
        Result result = run(List.of(shellcheck.toString(), DEMO.toString(), LAUNCHER.toString()), null);
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void launcherWithoutTheJarSaysHowToBuildIt() throws Exception {
        Result result = run(List.of("bash", LAUNCHER.toString(), "--version"), "/nonexistent/slipway.jar");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("/nonexistent/slipway.jar not found",
                "./mvnw -q -pl slipway-cli -am package -DskipTests");
    }

    @Test
    void registryPasswordIsOnlyPassedThroughTheEnvironmentFilesOrShellBuiltins() throws IOException {
        // allowed: a builtin printf (never a process argument) and an environment prefix
        Pattern allowed = Pattern.compile("^\\s*(\"\\$\\(printf '%s:%s' \"\\$REGISTRY_USER\" \"\\$SLIPWAY_DEMO_REGISTRY_PASSWORD\" \\| base64 -w0\\)\".*"
                + "|SLIPWAY_TOKEN_SERVER_USERNAME=\"\\$REGISTRY_USER\" SLIPWAY_TOKEN_SERVER_PASSWORD=\"\\$SLIPWAY_DEMO_REGISTRY_PASSWORD\" \\\\)$");
        List<String> uses = new ArrayList<>();
        for (String line : Files.readAllLines(DEMO, StandardCharsets.UTF_8)) {
            if (line.contains("$SLIPWAY_DEMO_REGISTRY_PASSWORD") || line.contains("${SLIPWAY_DEMO_REGISTRY_PASSWORD")) {
                uses.add(line);
                assertThat(line).as("a use of the password value that is not known to stay off command lines")
                        .matches(allowed);
            }
        }
        assertThat(uses).hasSize(2);
        assertThat(Files.readString(DEMO)).doesNotContain("--password ", "--password=", "curl -u", "--creds");
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, String slipwayJar) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (slipwayJar != null) {
            builder.environment().put("SLIPWAY_JAR", slipwayJar);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
