package dev.slipway.testsupport.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every Git server must do for the git CLI: clone and push through the real server. */
@Tag("server")
abstract class GitServerContract {

    abstract GitServer server();

    @Test
    void theGitCliClonesASeededRepositoryAndPushesACommitBack(@TempDir Path work) throws Exception {
        BareRepo repo = server().createRepo("app-" + System.nanoTime());
        String seeded = repo.seed("main", Map.of("deploy/app.yaml", "image: web:1\n"), "seed");

        GitCli git = server().git();
        git.run(work, "clone", "--quiet", repo.url(), "clone");
        Path clone = work.resolve("clone");
        assertThat(Files.readString(clone.resolve("deploy/app.yaml"))).isEqualTo("image: web:1\n");

        Files.writeString(clone.resolve("deploy/app.yaml"), "image: web:2\n");
        git.run(clone, "commit", "--quiet", "-am", "Update web to 2");
        git.run(clone, "push", "--quiet", "origin", "main");

        assertThat(repo.readFile("main", "deploy/app.yaml")).isEqualTo("image: web:2\n");
        assertThat(repo.log("main")).extracting(BareRepo.Commit::subject).containsExactly("Update web to 2", "seed");
        assertThat(repo.log("main").get(1).sha()).isEqualTo(seeded);
        assertThat(repo.head("main")).isEqualTo(repo.log("main").get(0).sha());
    }

    @Test
    void aNewRepositoryIsBareWithMainAsItsDefaultBranch() throws Exception {
        BareRepo repo = server().createRepo("empty-" + System.nanoTime());
        assertThat(repo.directory().resolve("HEAD")).content().isEqualTo("ref: refs/heads/main\n");
        assertThat(Files.exists(repo.directory().resolve("objects"))).isTrue();
        assertThat(server().repo(repo.name())).isSameAs(repo);
    }

    @Test
    void seedingASecondTimeAddsACommitOnTheSameBranch() {
        BareRepo repo = server().createRepo("twice-" + System.nanoTime());
        repo.seed("main", Map.of("a.txt", "a"), "first");
        repo.seed("main", Map.of("b.txt", "b"), "second");
        assertThat(repo.readFile("main", "a.txt")).isEqualTo("a");
        assertThat(repo.readFile("main", "b.txt")).isEqualTo("b");
        assertThat(repo.log("main")).hasSize(2);
    }
}
