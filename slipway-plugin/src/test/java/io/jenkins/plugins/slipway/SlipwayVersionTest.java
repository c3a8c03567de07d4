package io.jenkins.plugins.slipway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlipwayVersionTest {

    @Test
    void currentVersionIsTheProjectVersionTheBuildFilteredIntoThePluginJar() {
        assertThat(SlipwayVersion.current()).isEqualTo(System.getProperty("slipway.projectVersion")).isNotBlank();
    }
}
