package dev.slipway.testsupport.git;

import dev.slipway.testsupport.process.FreePorts;
import dev.slipway.testsupport.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Git server on 127.0.0.1 for tests, serving bare repositories from its own temp folder.
 * Register it as {@code @RegisterExtension static GitHttpServer git = GitServer.smartHttp();}: it starts
 * before the class's tests and is stopped by PID after them, also when a test fails; its folder (with
 * any generated keys and passwords) is deleted then. Outside JUnit use {@link #start()} and {@link #close()}.
 */
public abstract sealed class GitServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable
        permits GitDaemonServer, GitHttpServer, GitSshServer {
    private static final Pattern REPO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final Duration STARTUP = Duration.ofSeconds(30);

    private final String kind;
    private final Map<String, BareRepo> repos = new ConcurrentHashMap<>();
    private Path root;
    private int port;
    private ManagedProcess process;

    GitServer(String kind) {
        this.kind = kind;
    }

    /** {@code git daemon --enable=receive-pack}: anonymous clone and push over git://. */
    public static GitDaemonServer daemon() {
        return new GitDaemonServer();
    }

    /** lighttpd + git-http-backend over http:// with basic auth (bcrypt htpasswd); every path needs the login. */
    public static GitHttpServer smartHttp() {
        return new GitHttpServer();
    }

    /** sshd on a high port, generated ed25519 host and client keys, a prepared known_hosts; the git user is the current user. */
    public static GitSshServer ssh() {
        return new GitSshServer();
    }

    /** Starts the server and waits until it accepts connections; does nothing if it runs already. */
    public synchronized void start() {
        if (process != null) {
            return;
        }
        try {
            root = Files.createTempDirectory("slipway-git-" + kind + "-");
            Files.createDirectories(repositories());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the " + kind + " git server", e);
        }
        port = FreePorts.next();
        process = launch(root, port);
        process.awaitPort(port, STARTUP);
    }

    /** Stops the server by PID and deletes its folder (repositories, keys, password file). */
    @Override
    public synchronized void close() {
        try {
            if (process != null) {
                process.close();
            }
        } finally {
            process = null;
            repos.clear();
            if (root != null) {
                BareRepo.deleteTree(root);
                root = null;
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Creates an empty bare repository {@code name} ({@code git init --bare -b main}). */
    public BareRepo createRepo(String name) {
        requireStarted();
        if (!REPO_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("repository name '" + name
                    + "' must be letters, digits, '.', '_' or '-' (no slashes, no '..')");
        }
        Path dir = repositories().resolve(name + ".git");
        if (Files.exists(dir)) {
            throw new IllegalArgumentException("repository '" + name + "' exists already; use repo(\"" + name + "\")");
        }
        new GitCli(Map.of()).run(repositories(), "init", "--quiet", "--bare", "-b", "main", dir.toString());
        prepareRepo(dir);
        BareRepo repo = new BareRepo(name, dir, url(name), git());
        repos.put(name, repo);
        return repo;
    }

    /** A repository made earlier with {@link #createRepo(String)}. */
    public BareRepo repo(String name) {
        BareRepo repo = repos.get(name);
        if (repo == null) {
            throw new IllegalArgumentException("no repository '" + name + "' on this server; create it with createRepo");
        }
        return repo;
    }

    /** The clone URL of repository {@code name}. */
    public abstract String url(String name);

    /**
     * Environment for the git CLI that lets it authenticate to this server (empty where no login is
     * needed). Secrets go in the environment, never on a command line.
     */
    public Map<String, String> gitEnvironment() {
        return Map.of();
    }

    /** A git CLI with {@link #gitEnvironment()}. */
    public GitCli git() {
        return new GitCli(gitEnvironment());
    }

    public int port() {
        requireStarted();
        return port;
    }

    /** The server's own folder (its config, log, keys and {@code repos/}). */
    public Path directory() {
        requireStarted();
        return root;
    }

    /** The server's log output so far (for failure messages). */
    public String log() {
        return process == null ? "(not running)" : process.logText();
    }

    /** The server process id, while it runs. */
    public long pid() {
        requireStarted();
        return process.pid();
    }

    Path repositories() {
        return root.resolve("repos");
    }

    /** Starts the server process for {@code dir} listening on 127.0.0.1:{@code port}. */
    abstract ManagedProcess launch(Path dir, int port);

    /** Per-server settings of a new bare repository. */
    void prepareRepo(Path bareRepo) {}

    void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the " + kind + " git server is not running: register it with "
                    + "@RegisterExtension on a static field, or call start()");
        }
    }
}
