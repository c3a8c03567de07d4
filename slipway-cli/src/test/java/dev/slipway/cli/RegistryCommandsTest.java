package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
                "REG_PASSWORD", "--plain-http", registry.hostPort(), "--", "sh", "-c", script);

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
                "REG_PASSWORD", "--plain-http", registry.hostPort(), "--", "sh", "-c", "echo \"$DOCKER_CONFIG\" > " + where + "; exit 7");

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
        assertThat(run("copy", "--from", registry.hostPort() + "/cli/x@sha256:" + "0".repeat(64), "--to", registry.hostPort()
                + "/cli/y", "--username", user().username(), "--password-env", "WRONG", "--plain-http", registry.hostPort()))
                .isEqualTo(3);
        String nowhere = "127.0.0.1:" + FreePorts.next();
        assertThat(run("push", "--workspace", layoutRoot(), "--layout", layout, "--image", nowhere + "/cli/x", "--plain-http", nowhere, "--retries", "1"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("unreachable").doesNotContain("not-the-password-canary");
    }

    @Test
    void pushCopyAndLoginPrintOneJsonDocumentAndAWrongPasswordIsAnAuthError() throws Exception {
        env.put("REG_PASSWORD", user().password());
        env.put("WRONG", "not-the-password-canary-json");
        String host = registry.hostPort();

        int pushed = run("push", "-o", "json", "--workspace", layoutRoot(), "--layout", buildah.baseImageOciLayout().toString(),
                "--image", host + "/cli/json:1.0", "--username", user().username(), "--password-env", "REG_PASSWORD",
                "--plain-http", host);
        assertThat(pushed).as(err.toString()).isZero();
        JsonNode push = JsonOutput.MAPPER.readTree(out.toString());
        String image = push.at("/result/image").asText();
        assertThat(image).matches(java.util.regex.Pattern.quote(host) + "/cli/json@sha256:[0-9a-f]{64}");
        assertThat(push.at("/result/tags/0").asText()).isEqualTo("1.0");
        assertThat(push.at("/result/sizeBytes").asLong()).isPositive();
        assertThat(push.get("exitCode").asInt()).isZero();

        out.getBuffer().setLength(0);
        assertThat(run("copy", "--output=json", "--from", image, "--to", host + "/cli/json-copy:stable", "--username",
                user().username(), "--password-env", "REG_PASSWORD", "--plain-http", host)).as(err.toString()).isZero();
        JsonNode copy = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(copy.at("/result/image").asText()).isEqualTo(host + "/cli/json-copy" + image.substring(image.indexOf('@')));
        assertThat(copy.at("/result/tags/0").asText()).isEqualTo("stable");

        out.getBuffer().setLength(0);
        assertThat(run("login", "-o", "json", "--registry", host, "--username", user().username(), "--password-env",
                "REG_PASSWORD", "--plain-http", registry.hostPort(), "--", "sh", "-c", "echo said-by-the-command")).as(err.toString()).isZero();
        JsonNode login = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(login.at("/result/registry").asText()).isEqualTo(host);
        assertThat(login.at("/result/commandExitCode").asInt()).isZero();
        assertThat(out.toString()).doesNotContain("said-by-the-command");
        assertThat(err.toString()).contains("said-by-the-command");

        out.getBuffer().setLength(0);
        assertThat(run("push", "-o", "json", "--workspace", layoutRoot(), "--layout", buildah.baseImageOciLayout().toString(),
                "--image", host + "/cli/json", "--username", user().username(), "--password-env", "WRONG",
                "--plain-http", host)).isEqualTo(3);
        JsonNode refused = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(refused.at("/error/kind").asText()).isEqualTo("auth");
        assertThat(refused.get("exitCode").asInt()).isEqualTo(3);
        assertThat(out.toString() + err).doesNotContain("not-the-password-canary-json").doesNotContain(user().password());
    }

    @Test
    void copyBetweenTwoRegistriesReadsThePasswordFromStdinOnceAndUsesItForBoth() {
        env.put("REG_PASSWORD", user().password());
        String host = registry.hostPort();
        assertThat(run("push", "--workspace", layoutRoot(), "--layout", buildah.baseImageOciLayout().toString(), "--image",
                host + "/cli/stdin-src", "--username", user().username(), "--password-env", "REG_PASSWORD", "--plain-http", host))
                .as(err.toString()).isZero();
        String pushed = out.toString().trim();
        out.getBuffer().setLength(0);
        // the same registry under a second name: to copy these are two registries, both wanting the password
        String alias = "localhost:" + registry.port();

        int copied = run("copy", "--from", pushed, "--to", alias + "/cli/stdin-copy:stable", "--username", user().username(),
                "--password-stdin", "--plain-http", host, "--plain-http", alias);

        assertThat(copied).as(err.toString()).isZero();
        String digest = pushed.substring(pushed.indexOf('@') + 1);
        assertThat(out.toString().trim()).isEqualTo(alias + "/cli/stdin-copy@" + digest);
        BuildahEnvironment.Result inspect = buildah.skopeo("inspect", "--tls-verify=false", "--authfile", registry.writeAuthFile().toString(),
                "--format", "{{.Digest}}", "docker://" + host + "/cli/stdin-copy:stable");
        assertThat(inspect.requireSuccess().output().trim()).isEqualTo(digest);
        assertThat(out.toString() + err).doesNotContain(user().password());
    }

    @Test
    void loginWithAWrongPasswordExitsThreeBeforeTheCommandRunsAndNeverShowsThePassword() throws Exception {
        String canary = "wrong-login-password-canary-" + java.util.UUID.randomUUID();
        env.put("WRONG", canary);
        Path ran = temp.resolve("ran.txt");
        String[] login = {"login", "--registry", registry.hostPort(), "--username", user().username(), "--password-env", "WRONG",
            "--plain-http", registry.hostPort(), "--", "sh", "-c", "echo \"$DOCKER_CONFIG\" > " + ran};

        int textExit = run(login);

        assertThat(textExit).as(err.toString()).isEqualTo(3);
        assertThat(err.toString()).contains("slipway login: registry " + registry.hostPort() + " refused user '" + user().username() + "'")
                .contains("HTTP 401").contains("Fix: check the user name and password");
        assertThat(ran).as("the command must not run with refused credentials").doesNotExist();
        String textOutput = out.toString() + err;

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        String[] json = new String[login.length + 2];
        json[0] = "login";
        json[1] = "-o";
        json[2] = "json";
        System.arraycopy(login, 1, json, 3, login.length - 1);
        int jsonExit = run(json);

        assertThat(jsonExit).isEqualTo(3);
        JsonNode refused = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(refused.fieldNames()).toIterable().containsExactly("error", "exitCode");
        assertThat(refused.get("error").fieldNames()).toIterable().containsExactly("kind", "field", "message", "fix");
        assertThat(refused.at("/error/kind").asText()).isEqualTo("auth");
        assertThat(refused.at("/error/field").isNull()).isTrue();
        assertThat(refused.at("/error/message").asText()).startsWith("registry " + registry.hostPort() + " refused user '");
        assertThat(refused.at("/error/fix").asText()).contains("check the user name and password");
        assertThat(refused.get("exitCode").asInt()).isEqualTo(3);
        assertThat(ran).doesNotExist();
        assertThat(textOutput + out + err).doesNotContain(canary).doesNotContain(user().password());
    }
}
