package dev.slipway.testsupport.git;

import dev.slipway.testsupport.process.ManagedProcess;
import dev.slipway.testsupport.process.RequiredBinary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code git daemon} serving {@code git://127.0.0.1:port/<name>.git}, anonymous, push enabled. */
public final class GitDaemonServer extends GitServer {
    private static final RequiredBinary GIT = RequiredBinary.of("git", "git");

    GitDaemonServer() {
        super("daemon");
    }

    @Override
    public String url(String name) {
        return "git://127.0.0.1:" + port() + "/" + name + ".git";
    }

    @Override
    ManagedProcess launch(Path dir, int port) {
        return ManagedProcess.start("git-daemon", List.of(GIT.require().toString(), "daemon",
                "--listen=127.0.0.1", "--port=" + port, "--reuseaddr", "--export-all", "--informative-errors",
                "--enable=receive-pack", "--base-path=" + repositories(), repositories().toString()), dir, Map.of());
    }
}
