package dev.slipway.testsupport.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanaryTest {

    @Test
    void eachCanaryIsNewAndSaysWhatItStandsFor() {
        String first = Canary.of("kube-token");
        String second = Canary.of("kube-token");

        assertThat(first).matches("canary-kube-token-[0-9a-f]{16}");
        assertThat(second).isNotEqualTo(first);
    }
}
