package dev.slipway.testsupport.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GitHttpServerTest extends GitServerContract {
    @RegisterExtension
    static GitHttpServer git = GitServer.smartHttp();

    @Override
    GitServer server() {
        return git;
    }

    @Test
    void cloneWithoutCredentialsIsRefused(@TempDir Path work) {
        BareRepo repo = git.createRepo("private-" + System.nanoTime());
        assertThatThrownBy(() -> new GitCli(Map.of()).run(work, "clone", repo.url(), "clone"))
                .isInstanceOf(GitCli.GitCommandException.class)
                .hasMessageContaining("could not read Username"); // git asks for a login only after a 401
    }

    @Test
    void aWrongPasswordIsRefused(@TempDir Path work) {
        BareRepo repo = git.createRepo("wrong-" + System.nanoTime());
        String basic = Base64.getEncoder().encodeToString((git.username() + ":not-the-password").getBytes(StandardCharsets.UTF_8));
        GitCli wrong = new GitCli(Map.of("GIT_CONFIG_COUNT", "1", "GIT_CONFIG_KEY_0", "http.extraHeader",
                "GIT_CONFIG_VALUE_0", "Authorization: Basic " + basic));
        assertThatThrownBy(() -> wrong.run(work, "clone", repo.url(), "clone"))
                .isInstanceOf(GitCli.GitCommandException.class)
                .hasMessageContaining("could not read Username"); // git asks for a login only after a 401
    }

    @Test
    void thePasswordNeverReachesTheServerLogs(@TempDir Path work) {
        BareRepo repo = git.createRepo("canary-" + System.nanoTime());
        repo.seed("main", Map.of("a.txt", "a"), "seed");
        git.git().run(work, "clone", "--quiet", repo.url(), "clone");
        assertThat(git.log()).doesNotContain(git.password());
    }

    @Test
    void thePasswordIsStoredOnlyAsABcryptHash() throws Exception {
        String htpasswd = Files.readString(git.directory().resolve("htpasswd"));
        assertThat(htpasswd).startsWith(git.username() + ":$2y$").doesNotContain(git.password());
        assertThat(git.url("x")).doesNotContain(git.password());
    }
}
