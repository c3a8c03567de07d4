package dev.slipway.testsupport.git;

import dev.slipway.testsupport.process.ManagedProcess;
import dev.slipway.testsupport.process.RequiredBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * sshd with its own config file on a high port of 127.0.0.1, serving
 * {@code ssh://<current user>@127.0.0.1:port/<folder>/<name>.git}. Host and client keys are ed25519,
 * generated with ssh-keygen at start; {@link #knownHosts()} holds the host key for {@code [127.0.0.1]:port}.
 * Only the client key may log in (no passwords, no PAM).
 */
public final class GitSshServer extends GitServer {
    private static final RequiredBinary SSHD = RequiredBinary.of("sshd", "openssh-server");
    private static final RequiredBinary SSH_KEYGEN = RequiredBinary.of("ssh-keygen", "openssh-client");
    private static final RequiredBinary SSH = RequiredBinary.of("ssh", "openssh-client");

    GitSshServer() {
        super("ssh");
    }

    /** The login user: the user running the tests (sshd can only switch to a real account). */
    public String username() {
        return System.getProperty("user.name");
    }

    /** The client's private key (OpenSSH format, no passphrase). A secret: deleted with the server. */
    public Path privateKey() {
        return directory().resolve("client_ed25519");
    }

    public Path publicKey() {
        return directory().resolve("client_ed25519.pub");
    }

    /** A known_hosts file with the server's host key for {@code [127.0.0.1]:port}. */
    public Path knownHosts() {
        return directory().resolve("known_hosts");
    }

    /** The host's public key line ({@code ssh-ed25519 AAAA...}). */
    public String hostPublicKey() {
        try {
            return Files.readString(directory().resolve("host_ed25519.pub")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String url(String name) {
        return "ssh://" + username() + "@127.0.0.1:" + port() + repositories().resolve(name + ".git");
    }

    /** {@code GIT_SSH_COMMAND} with the client key, the prepared known_hosts and strict host key checking. */
    @Override
    public Map<String, String> gitEnvironment() {
        return Map.of("GIT_SSH_COMMAND", SSH.require() + " -F /dev/null -i " + privateKey()
                + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes"
                + " -o GlobalKnownHostsFile=/dev/null -o UserKnownHostsFile=" + knownHosts());
    }

    @Override
    ManagedProcess launch(Path dir, int port) {
        Path sshd = SSHD.require();
        keygen(dir.resolve("host_ed25519"), "slipway-test-host");
        keygen(dir.resolve("client_ed25519"), "slipway-test-client");
        try {
            ensurePrivilegeSeparationDirectory();
            Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
            String hostKey = Files.readString(dir.resolve("host_ed25519.pub")).trim();
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
            String config = String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + dir.resolve("host_ed25519"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "StrictModes no",
                    "UsePAM no",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "AllowUsers " + username(),
                    "AllowTcpForwarding no",
                    "X11Forwarding no",
                    "PrintMotd no",
                    "LogLevel VERBOSE",
                    "");
            Path configFile = dir.resolve("sshd_config");
            Files.writeString(configFile, config);
            // sshd re-executes itself, so it needs its full path; -D stays in the foreground, -e logs to stderr.
            return ManagedProcess.start("sshd", List.of(sshd.toString(), "-D", "-e", "-f", configFile.toString()), dir, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sshd", e);
        }
    }

    /** sshd started as root chroots its unprivileged child into /run/sshd and refuses to start without it. */
    private static void ensurePrivilegeSeparationDirectory() throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            Path privsep = Path.of("/run/sshd");
            if (!Files.isDirectory(privsep)) {
                Files.createDirectories(privsep);
            }
        }
    }

    private static void keygen(Path key, String comment) {
        SetupCommand.run(List.of(SSH_KEYGEN.require().toString(), "-q", "-t", "ed25519", "-N", "", "-C", comment,
                "-f", key.toString()), "");
    }
}
