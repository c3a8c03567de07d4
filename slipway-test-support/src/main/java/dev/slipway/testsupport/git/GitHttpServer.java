package dev.slipway.testsupport.git;

import dev.slipway.testsupport.process.ManagedProcess;
import dev.slipway.testsupport.process.RequiredBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * lighttpd running git-http-backend (smart HTTP) at {@code http://127.0.0.1:port/git/<name>.git}.
 * Every request needs basic auth with {@link #username()} / {@link #password()}, checked against a
 * bcrypt htpasswd file; the password is random per server.
 */
public final class GitHttpServer extends GitServer {
    private static final RequiredBinary LIGHTTPD = RequiredBinary.of("lighttpd", "lighttpd");
    private static final RequiredBinary HTPASSWD = RequiredBinary.of("htpasswd", "apache2-utils");
    private static final RequiredBinary GIT = RequiredBinary.of("git", "git");
    private static final String USERNAME = "slipway";

    private final String password = randomPassword();

    GitHttpServer() {
        super("http");
    }

    public String username() {
        return USERNAME;
    }

    /** The basic-auth password (random per server; a secret: never log it). */
    public String password() {
        return password;
    }

    @Override
    public String url(String name) {
        return "http://127.0.0.1:" + port() + "/git/" + name + ".git";
    }

    /** Sends the login as an {@code http.extraHeader} set through {@code GIT_CONFIG_*} variables. */
    @Override
    public Map<String, String> gitEnvironment() {
        String basic = Base64.getEncoder().encodeToString((USERNAME + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of("GIT_CONFIG_COUNT", "1",
                "GIT_CONFIG_KEY_0", "http.extraHeader",
                "GIT_CONFIG_VALUE_0", "Authorization: Basic " + basic);
    }

    @Override
    ManagedProcess launch(Path dir, int port) {
        Path lighttpd = LIGHTTPD.require();
        Path htpasswd = dir.resolve("htpasswd");
        writeHtpasswd(htpasswd);
        try {
            // git-core sits next to the real git binary (after following symlinks) or in Debian's place
            Path gitHttpBackend = findBackend(GIT.require().toRealPath());
            Path docroot = Files.createDirectories(dir.resolve("www"));
            String config = String.join("\n",
                    "server.modules = ( \"mod_alias\", \"mod_auth\", \"mod_authn_file\", \"mod_setenv\", \"mod_cgi\" )",
                    "server.bind = \"127.0.0.1\"",
                    "server.port = " + port,
                    "server.document-root = \"" + docroot + "\"",
                    "server.errorlog = \"" + dir.resolve("lighttpd-error.log") + "\"",
                    "server.pid-file = \"" + dir.resolve("lighttpd.pid") + "\"",
                    "auth.backend = \"htpasswd\"",
                    "auth.backend.htpasswd.userfile = \"" + htpasswd + "\"",
                    "auth.require = ( \"/git/\" => ( \"method\" => \"basic\", \"realm\" => \"slipway-git\", \"require\" => \"valid-user\" ) )",
                    "alias.url = ( \"/git/\" => \"" + gitHttpBackend + "/\" )",
                    "$HTTP[\"url\"] =~ \"^/git/\" {",
                    "  cgi.assign = ( \"\" => \"\" )",
                    "  setenv.add-environment = ( \"GIT_PROJECT_ROOT\" => \"" + repositories() + "\", \"GIT_HTTP_EXPORT_ALL\" => \"\" )",
                    "}",
                    "");
            Path configFile = dir.resolve("lighttpd.conf");
            Files.writeString(configFile, config);
            return ManagedProcess.start("lighttpd", List.of(lighttpd.toString(), "-D", "-f", configFile.toString()), dir, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lighttpd config", e);
        }
    }

    @Override
    public String log() {
        String errors = "";
        try {
            Path errorLog = directory().resolve("lighttpd-error.log");
            errors = Files.exists(errorLog) ? Files.readString(errorLog) : "";
        } catch (IOException | IllegalStateException ignored) {
            // not running
        }
        return super.log() + errors;
    }

    private static Path findBackend(Path git) {
        for (Path candidate : List.of(Path.of("/usr/lib/git-core/git-http-backend"),
                git.getParent().resolve("../libexec/git-core/git-http-backend").normalize())) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("git-http-backend is not installed; the tests need it. Install it with: "
                + "apt-get install -y git   (.ci/run does this)");
    }

    /** bcrypt entry written by htpasswd, the password passed on stdin (-i), not on the command line. */
    private void writeHtpasswd(Path file) {
        SetupCommand.run(List.of(HTPASSWD.require().toString(), "-B", "-C", "5", "-i", "-c", file.toString(), USERNAME),
                password);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
