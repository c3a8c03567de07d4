package dev.slipway.gitops;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.SecretMasker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Credentials for one Git remote, applied to JGit commands: HTTPS user/password or token, SSH private key
 * (held in memory, never written to disk; the host key checked against the given known_hosts, a new one
 * accepted only when asked), anonymous {@code git://} and {@code file://}. Closing it removes the private
 * SSH folder (known_hosts and config only) and the SSH session factory.
 */
final class GitTransport implements AutoCloseable {
    private final String url;
    private final CredentialsProvider credentials;
    private final SshdSessionFactory sshFactory;
    private final Path sshDirectory;
    private final GitHttpConnections http;

    private GitTransport(String url, CredentialsProvider credentials, SshdSessionFactory sshFactory, Path sshDirectory,
            GitHttpConnections http) {
        this.url = url;
        this.credentials = credentials;
        this.sshFactory = sshFactory;
        this.sshDirectory = sshDirectory;
        this.http = http;
    }

    static GitTransport open(String url, GitAuth auth, SecretMasker masker) {
        return open(url, auth, masker, NetworkSettings.direct());
    }

    /** {@code network}: proxy and trust for HTTP(S) remotes (SSH and {@code git://} connect directly). */
    static GitTransport open(String url, GitAuth auth, SecretMasker masker, NetworkSettings network) {
        GitHttpConnections http = new GitHttpConnections(network);
        GitAuth effective = auth == null ? new GitAuth.None() : auth;
        boolean ssh = url.startsWith("ssh://") || url.matches("^[\\w.-]+@[\\w.-]+:.*");
        if (effective instanceof GitAuth.UsernamePassword basic) {
            masker.register(basic.password());
            if (ssh) {
                throw new InvalidInputException("credentialsId", "an SSH URL (" + url + ") needs an SSH key, not a user name and password",
                        "use an SSH private key credential, or the repository's https:// URL");
            }
            return new GitTransport(url, new UsernamePasswordCredentialsProvider(basic.username(), basic.password().reveal()), null, null,
                    http);
        }
        if (effective instanceof GitAuth.SshKey key) {
            masker.register(key.privateKey());
            if (key.passphrase() != null) {
                masker.register(key.passphrase());
            }
            if (!ssh) {
                throw new InvalidInputException("credentialsId", "an SSH key was given for a non-SSH URL (" + url + ")",
                        "use the repository's ssh:// URL, or a user name and token credential for https://");
            }
            return openSsh(url, key);
        }
        return new GitTransport(url, null, null, null, http);
    }

    private static GitTransport openSsh(String url, GitAuth.SshKey key) {
        List<KeyPair> keys = loadKeys(key);
        Path dir;
        try {
            dir = Files.createTempDirectory("slipway-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(dir.resolve("known_hosts"), key.knownHosts() == null ? "" : key.knownHosts());
            // JGit reads the OpenSSH config of the ssh directory; only host-key policy is set here.
            Files.writeString(dir.resolve("config"), "Host *\n  StrictHostKeyChecking "
                    + (key.acceptNewHostKey() ? "accept-new" : "yes") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SSH configuration", e);
        }
        SshdSessionFactory factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(dir.toFile())
                .setSshDirectory(dir.toFile())
                .setDefaultKeysProvider(ignored -> keys)
                .setPreferredAuthentications("publickey")
                .build(null);
        return new GitTransport(url, null, factory, dir, null);
    }

    private static List<KeyPair> loadKeys(GitAuth.SshKey key) {
        FilePasswordProvider passwords = key.passphrase() == null
                ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(key.passphrase().reveal());
        try {
            List<KeyPair> pairs = new ArrayList<>();
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("credential"),
                    new ByteArrayInputStream(key.privateKey().reveal().getBytes(StandardCharsets.UTF_8)), passwords);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
            if (pairs.isEmpty()) {
                throw new InvalidInputException("credentialsId", "the SSH private key could not be read (no key found)",
                        "give an OpenSSH or PEM private key");
            }
            return List.copyOf(pairs);
        } catch (IOException | GeneralSecurityException e) {
            // the exception text of a key parser may quote key material: never pass it on
            throw new InvalidInputException("credentialsId", "the SSH private key could not be read ("
                    + e.getClass().getSimpleName() + ")",
                    "give an OpenSSH or PEM private key, with its passphrase if it has one");
        }
    }

    /** Applies credentials and the SSH factory to a clone, fetch or push. */
    <C extends TransportCommand<C, ?>> C configure(C command) {
        if (credentials != null) {
            command.setCredentialsProvider(credentials);
        }
        if (sshFactory != null) {
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport sshTransport) {
                    sshTransport.setSshSessionFactory(sshFactory);
                }
            });
        }
        return http == null ? command : http.applyTo(command, null);
    }

    /** Turns a transport failure into a message naming the remote, without the exception's credentials. */
    RuntimeException explain(String action, Exception failure, SecretMasker masker) {
        String detail = masker.mask(rootMessage(failure));
        // classify on the failure text without the URL: a port or path can look like an HTTP status
        String lower = detail.replace(url, "").toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("host key") || lower.contains("known_hosts") || lower.contains("server key")
                || lower.contains("unknown host") || lower.contains("hostkey")) {
            return new AuthenticationException("Git " + action + " of " + url + ": the server's SSH host key is not trusted: " + detail,
                    "add the server's host key to known_hosts (ssh-keyscan), or allow accepting a new host key explicitly");
        }
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.matches("(?s).*\\b40[13]\\b.*")
                || lower.contains("auth fail") || lower.contains("no more authentication methods") || lower.contains("permission denied")) {
            return new AuthenticationException("Git " + action + " of " + url + " was refused: " + detail,
                    "check the Git credential: its user name, password or token, or the SSH key the server trusts");
        }
        return new GitOpsException("Git " + action + " of " + url + " failed: " + detail,
                "check that the repository URL and branch are right and the server is reachable");
    }

    static String rootMessage(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 4; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }

    @Override
    public void close() {
        if (sshFactory != null) {
            sshFactory.close();
        }
        if (sshDirectory != null) {
            try (Stream<Path> files = Files.walk(sshDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder of known_hosts and config: nothing secret is left behind
            }
        }
    }
}
