package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.Provenance;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildProvenanceTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void sourceAndBuildComeFromTheVariablesTheGitAndPipelinePluginsSet() {
        Provenance provenance = BuildProvenance.from(Map.of(
                "GIT_URL", "https://github.com/example/shop.git",
                "GIT_COMMIT", COMMIT.toUpperCase(),
                "GIT_BRANCH", "origin/main",
                "BUILD_URL", "https://ci.example/job/shop/42/",
                "BUILD_NUMBER", "42",
                "JOB_NAME", "shop"), "delivery-1");

        assertThat(provenance).isEqualTo(new Provenance("https://github.com/example/shop.git", COMMIT, "main",
                "https://ci.example/job/shop/42/", 42L, "delivery-1"));
    }

    @Test
    void missingOrMalformedValuesAreUnknownNotErrors() {
        Map<String, String> env = new HashMap<>();
        env.put("GIT_COMMIT", "not-a-commit");
        env.put("BUILD_NUMBER", "forty-two");
        env.put("GIT_BRANCH", "  ");
        env.put("GIT_URL", null);

        assertThat(BuildProvenance.from(env, "d")).isEqualTo(Provenance.unknown("d"));
        assertThat(BuildProvenance.from(null, "d")).isEqualTo(Provenance.unknown("d"));
    }

    @Test
    void branchesKeepTheirNameWithoutTheRemoteOrRefsPrefix() {
        assertThat(BuildProvenance.from(Map.of("GIT_BRANCH", "refs/heads/release/1.4"), "d").sourceBranch())
                .isEqualTo("release/1.4");
        assertThat(BuildProvenance.from(Map.of("GIT_BRANCH", "origin/feature/x"), "d").sourceBranch())
                .isEqualTo("feature/x");
        assertThat(BuildProvenance.from(Map.of("GIT_BRANCH", "main"), "d").sourceBranch()).isEqualTo("main");
    }
}
