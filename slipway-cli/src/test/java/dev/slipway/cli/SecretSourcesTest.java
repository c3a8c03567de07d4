package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Standard input holds one secret: read once, for one option. */
class SecretSourcesTest {
    private static final String CANARY = Canary.of("stdin-secret");

    private static ByteArrayInputStream piped(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameOptionAskingTwiceGetsTheSecretReadOnce() {
        ByteArrayInputStream stream = piped(CANARY + "\n");
        SecretSources.StandardInput stdin = new SecretSources.StandardInput(stream);

        assertThat(stdin.secret("--password-stdin", "--password-env or --password-file").reveal()).isEqualTo(CANARY);
        assertThat(stdin.secret("--password-stdin", "--password-env or --password-file").reveal()).isEqualTo(CANARY);
        assertThat(stream.available()).isZero();
    }

    @Test
    void aSecondStdinOptionIsAUsageErrorNamingBothOptionsAndTheOtherSources() {
        SecretSources.StandardInput stdin = new SecretSources.StandardInput(piped(CANARY));
        stdin.secret("--password-stdin", "--password-env or --password-file");

        assertThatThrownBy(() -> stdin.secret("--git-password-stdin", "--git-password-env or --git-password-file"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("--git-password-stdin");
                    assertThat(e.getMessage()).contains("--password-stdin").contains("already");
                    assertThat(e.fix()).contains("--git-password-env or --git-password-file");
                    assertThat(e.describe()).doesNotContain(CANARY);
                    assertThat(EngineCommand.exitCode(e)).isEqualTo(EngineCommand.USAGE);
                });
    }

    @Test
    void emptyStandardInputNamesTheOptionAndNoValue() {
        SecretSources.StandardInput stdin = new SecretSources.StandardInput(piped("  \n"));

        assertThatThrownBy(() -> stdin.secret("--token-stdin", "--argocd-token-file"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("--token-stdin");
                    assertThat(e.getMessage()).contains("standard input is empty");
                });
    }
}
