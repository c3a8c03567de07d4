package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.Provenance;
import dev.slipway.testsupport.secrets.Canary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildProvenanceUserInfoTest {

    @Test
    void theGitPluginsAndJenkinsVariablesBecomeTheProvenance() {
        Provenance provenance = BuildProvenance.from(Map.of(
                "GIT_URL", "https://git.example.com/shop/web.git",
                "GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567",
                "GIT_BRANCH", "origin/main",
                "BUILD_URL", "https://ci.example.com/job/web/42/",
                "BUILD_NUMBER", "42"), "delivery-1");

        assertThat(provenance).isEqualTo(new Provenance("https://git.example.com/shop/web.git",
                "0123456789abcdef0123456789abcdef01234567", "main", "https://ci.example.com/job/web/42/", 42L,
                "delivery-1"));
    }

    @Test
    void whatIsMissingOrBlankOrNotANumberStaysUnknown() {
        assertThat(BuildProvenance.from(Map.of("GIT_COMMIT", " ", "BUILD_NUMBER", "forty-two"), "d"))
                .isEqualTo(Provenance.unknown("d"));
        assertThat(BuildProvenance.from(null, "d")).isEqualTo(Provenance.unknown("d"));
    }

    @Test
    void aTokenInTheSourceUrlIsRemovedBecauseTrailersArePublic() {
        Provenance provenance = BuildProvenance.from(Map.of(
                "GIT_URL", "https://bot:" + Canary.of("token") + "@git.example.com/shop/web.git"), "d");

        assertThat(provenance.sourceRepository()).isEqualTo("https://git.example.com/shop/web.git");
        assertThat(BuildProvenance.withoutUserInfo("ssh://git@git.example.com/shop/web.git"))
                .as("an SSH user name is no secret").isEqualTo("ssh://git@git.example.com/shop/web.git");
        assertThat(BuildProvenance.withoutUserInfo("git@git.example.com:shop/web.git"))
                .isEqualTo("git@git.example.com:shop/web.git");
    }
}
