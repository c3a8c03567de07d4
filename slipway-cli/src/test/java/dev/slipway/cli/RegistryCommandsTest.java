package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.process.FreePorts;
import dev.slipway.testsupport.registry.Credentials;
import dev.slipway.testsupport.registry.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slipway push|copy|login} against a real registry (htpasswd) with a real image built by buildah from the
 * local busybox base, checked with skopeo; exit codes 0/1/2/3.
 */
@Tag("registry")
class RegistryCommandsTest {
    @RegisterExtension
    static final RegistryServer registry = RegistryServer.htpasswd();
    @RegisterExtension
    static final BuildahEnvironment buildah = new BuildahEnvironment();

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        for (String name : new String[] {"push", "copy", "login"}) {
            EngineCommand command = cli.getSubcommands().get(name).getCommand();
            command.environment = env;
            command.stdin = new ByteArrayInputStream(registry.credentials().orElseThrow().password()
                    .getBytes(StandardCharsets.UTF_8));
        }
        return cli.execute(args);
    }

    /** The workspace of the pushes: the folder holding the base image's layout (push refuses layouts outside it). */
    private static String layoutRoot() {
        return buildah.baseImageOciLayout().getParent().toString();
    }

    private Credentials user() {
        return registry.credentials().orElseThrow();
    }

    @Test
    void pushPrintsTheImageByDigestAndSkopeoSeesTheTag() {
        env.put("REG_PASSWORD", user().password());

        int exit = run("push", "--workspace", layoutRoot(), "--layout", buildah.baseImageOciLayout().toString(), "--image", registry.hostPort() + "/cli/base:1.0",
                "--username", user().username(), "--password-env", "REG_PASSWORD", "--plain-http", registry.hostPort());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().trim()).matches(java.util.regex.Pattern.quote(registry.hostPort()) + "/cli/base@sha256:[0-9a-f]{64}");
        String digest = out.toString().trim().substring(out.toString().trim().indexOf('@') + 1);
        BuildahEnvironment.Result inspect = buildah.skopeo("inspect", "--tls-verify=false", "--authfile", registry.writeAuthFile().toString(),
                "--format", "{{.Digest}}", "docker://" + registry.hostPort() + "/cli/base:1.0");
        assertThat(inspect.requireSuccess().output().trim()).isEqualTo(digest);
        assertThat(err.toString()).doesNotContain(user().password());
    }

    @Test
    void copyThenLoginLetsSkopeoReadTheCopyWithAPrivateConfigThatIsGoneAfterwards() throws Exception {
        env.put("REG_PASSWORD", user().password());
        assertThat(run("push", "--workspace", layoutRoot(), "--layout", buildah.baseImageOciLayout().toString(), "--image", registry.hostPort() + "/cli/src",
                "--username", user().username(), "--password-stdin", "--plain-http", registry.hostPort())).as(err.toString()).isZero();
        String pushed = out.toString().trim();
        out.getBuffer().setLength(0);

        int copied = run("copy", "--from", pushed, "--to", registry.hostPort() + "/cli/prod:stable", "--username",
                user().username(), "--password-env", "REG_PASSWORD", "--plain-http", registry.hostPort());
        assertThat(copied).as(err.toString()).isZero();
        assertThat(out.toString().trim()).endsWith(pushed.substring(pushed.indexOf('@')));

        Path report = temp.resolve("report.txt");
        Path argv = temp.resolve("argv.txt");
        String script = "tr '\\0' ' ' < /proc/$$/cmdline > " + argv + "; "
                + "stat -c %a \"$REGISTRY_AUTH_FILE\" > " + report + "; echo \"$REGISTRY_AUTH_FILE\" >> " + report
                + "; skopeo inspect --tls-verify=false --format '{{.Digest}}' docker://" + registry.hostPort()
                + "/cli/prod:stable >> " + report;
        int login = run("login", "--registry", registry.hostPort(), "--username", user().username(), "--password-env",
                "REG_PASSWORD", "--", "sh", "-c", script);

        assertThat(login).as(err.toString()).isZero();
        java.util.List<String> lines = Files.readAllLines(report);
        assertThat(lines.get(0)).isEqualTo("600");
        assertThat(Path.of(lines.get(1))).doesNotExist();
        assertThat(Path.of(lines.get(1)).getParent()).doesNotExist();
        assertThat(lines.get(2)).isEqualTo(pushed.substring(pushed.indexOf('@') + 1));
        assertThat(Files.readString(argv)).contains("skopeo inspect").doesNotContain(user().password())
                .doesNotContain(user().base64UserColonPassword());
        assertThat(err.toString()).doesNotContain(user().password());
    }

    @Test
    void theLoginFileIsDeletedAlsoWhenTheCommandFails() throws Exception {
        env.put("REG_PASSWORD", user().password());
        Path where = temp.resolve("where.txt");

        int exit = run("login", "--registry", registry.hostPort(), "--username", user().username(), "--password-env",
                "REG_PASSWORD", "--", "sh", "-c", "echo \"$DOCKER_CONFIG\" > " + where + "; exit 7");

        assertThat(exit).isEqualTo(1);
        assertThat(Path.of(Files.readString(where).trim())).doesNotExist();
    }

    @Test
    void exitCodesSayWhatWentWrong() {
        env.put("WRONG", "not-the-password-canary");
        String layout = buildah.baseImageOciLayout().toString();

        assertThat(run("push", "--workspace", layoutRoot(), "--layout", layout)).isEqualTo(2);
        assertThat(run("push", "--workspace", layoutRoot(), "--layout", layout, "--image", registry.hostPort() + "/Bad/Name")).isEqualTo(2);
        assertThat(run("push", "--workspace", layoutRoot(), "--layout", layout, "--image", registry.hostPort() + "/cli/x", "--username", "u")).isEqualTo(2);
        assertThat(err.toString()).contains("password");
        assertThat(run("push", "--workspace", layoutRoot(), "--layout", layout, "--image", registry.hostPort() + "/cli/x", "--username", user().username(),
                "--password-env", "WRONG", "--plain-http", registry.hostPort())).isEqualTo(3);
        String nowhere = "127.0.0.1:" + FreePorts.next();
        assertThat(run("push", "--workspace", layoutRoot(), "--layout", layout, "--image", nowhere + "/cli/x", "--plain-http", nowhere, "--retries", "1"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("unreachable").doesNotContain("not-the-password-canary");
    }
}
