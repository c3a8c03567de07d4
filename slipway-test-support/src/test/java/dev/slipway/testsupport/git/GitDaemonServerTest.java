package dev.slipway.testsupport.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitDaemonServerTest extends GitServerContract {
    @RegisterExtension
    static GitDaemonServer git = GitServer.daemon();

    @Override
    GitServer server() {
        return git;
    }

    @Test
    void servesGitUrlsOnLoopback() {
        assertThat(git.url("x")).isEqualTo("git://127.0.0.1:" + git.port() + "/x.git");
    }
}
