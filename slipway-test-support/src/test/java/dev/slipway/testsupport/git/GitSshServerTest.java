package dev.slipway.testsupport.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GitSshServerTest extends GitServerContract {
    @RegisterExtension
    static GitSshServer git = GitServer.ssh();

    @Override
    GitServer server() {
        return git;
    }

    @Test
    void knownHostsHoldsTheHostKeyForTheHighPort() throws Exception {
        assertThat(Files.readString(git.knownHosts()))
                .isEqualTo("[127.0.0.1]:" + git.port() + " " + git.hostPublicKey() + "\n");
        assertThat(git.hostPublicKey()).startsWith("ssh-ed25519 ");
        assertThat(Files.readString(git.privateKey())).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(Files.readString(git.publicKey())).startsWith("ssh-ed25519 ");
    }

    @Test
    void aHostKeyNotInKnownHostsIsRefused(@TempDir Path work) throws Exception {
        BareRepo repo = git.createRepo("strict-" + System.nanoTime());
        Path emptyKnownHosts = Files.createFile(work.resolve("known_hosts"));
        GitCli strict = new GitCli(Map.of("GIT_SSH_COMMAND", "ssh -F /dev/null -i " + git.privateKey()
                + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes"
                + " -o GlobalKnownHostsFile=/dev/null -o UserKnownHostsFile=" + emptyKnownHosts));
        assertThatThrownBy(() -> strict.run(work, "clone", repo.url(), "clone"))
                .isInstanceOf(GitCli.GitCommandException.class)
                .hasMessageContaining("Host key verification failed");
    }

    @Test
    void aKeyThatIsNotAuthorizedIsRefused(@TempDir Path work) throws Exception {
        BareRepo repo = git.createRepo("unauthorized-" + System.nanoTime());
        Path otherKey = work.resolve("other");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString())
                .redirectErrorStream(true).start();
        keygen.getInputStream().readAllBytes();
        assertThat(keygen.waitFor()).isZero();
        GitCli other = new GitCli(Map.of("GIT_SSH_COMMAND", "ssh -F /dev/null -i " + otherKey
                + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes"
                + " -o GlobalKnownHostsFile=/dev/null -o UserKnownHostsFile=" + git.knownHosts()));
        assertThatThrownBy(() -> other.run(work, "clone", repo.url(), "clone"))
                .isInstanceOf(GitCli.GitCommandException.class)
                .hasMessageContaining("Permission denied (publickey)");
    }
}
