package io.jenkins.plugins.slipway.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentAccessTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
            "team-a/**, team-a/web, true",
            "team-a/**, team-a/shop/web, true",
            "team-a/**, team-ab/web, false",
            "team-a/**, team-a, false",
            "team-a/*, team-a/web, true",
            "team-a/*, team-a/shop/web, false",
            "team-a/web, team-a/web, true",
            "team-a/web, team-a/web2, false",
            "team-a/web, other/team-a/web, false",
            "**, anything/at/all, true",
            "*, top-level, true",
            "*, folder/job, false",
            "web-?, web-1, true",
            "web-?, web-10, false",
            "shop.prod/*, shop.prod/web, true",
            "shop.prod/*, shopXprod/web, false",
            "team-a/[abc], team-a/[abc], true",
            "team-a/[abc], team-a/a, false"})
    void patternsMatchWholeFullNamesWithStarWithinAFolderAndDoubleStarAcross(String pattern, String job,
            boolean allowed) {
        assertThat(EnvironmentAccess.allows(List.of(pattern), job)).isEqualTo(allowed);
    }

    @Test
    void anyMatchingPatternAllowsAndNoPatternAllowsNobody() {
        assertThat(EnvironmentAccess.allows(List.of("team-b/**", "team-a/web"), "team-a/web")).isTrue();
        assertThat(EnvironmentAccess.allows(List.of(), "team-a/web")).isFalse();
        assertThat(EnvironmentAccess.allows(List.of("**"), "")).isFalse();
    }

    @Test
    void aJobOutsideTheEnvironmentIsRefusedNamingEnvironmentJobAndFix() {
        EnvironmentSpec prod = new EnvironmentSpec("prod", DeliverySettings.NONE, List.of("team-a/**", "release/*"));

        assertThatThrownBy(() -> EnvironmentAccess.check(prod, "team-b/web"))
                .isInstanceOf(EnvironmentAccessDeniedException.class)
                .hasMessageContaining("environment 'prod'")
                .hasMessageContaining("job 'team-b/web'")
                .hasMessageContaining("only team-a/**, release/*")
                .satisfies(e -> assertThat(((EnvironmentAccessDeniedException) e).fix())
                        .contains("allowed jobs of 'prod'").contains("'team-b/web'"));
    }

    @Test
    void anEnvironmentWithoutPatternsRefusesEveryJobAndSaysSo() {
        EnvironmentSpec closed = new EnvironmentSpec("staging", DeliverySettings.NONE, List.of());

        assertThatThrownBy(() -> EnvironmentAccess.check(closed, "team-a/web"))
                .isInstanceOf(EnvironmentAccessDeniedException.class)
                .hasMessageContaining("it allows no job");
    }

    @Test
    void aJobInsideIsLetThrough() {
        EnvironmentAccess.check(new EnvironmentSpec("dev", DeliverySettings.NONE, List.of("team-a/**")), "team-a/web");
    }
}
