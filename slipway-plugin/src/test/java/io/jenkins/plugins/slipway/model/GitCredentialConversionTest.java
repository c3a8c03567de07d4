package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Git credentials and API tokens from the credentials a GitOps step names. The lookup is a map: a fake, because
 * Jenkins' credential store does not run in unit tests.
 */
class GitCredentialConversionTest {
    private static final String CANARY = Canary.of("git-credential");
    private static final String KNOWN_HOSTS = "[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfTheTest";

    private final Map<String, FoundCredential> store = Map.of(
            "git-basic", new FoundCredential.UsernamePassword("bot", Secret.of(CANARY)),
            "git-token", new FoundCredential.SecretText(Secret.of(CANARY)),
            "git-ssh", new FoundCredential.SshPrivateKey("git", Secret.of("-----key " + CANARY), Secret.of(CANARY + "-pass")),
            "git-ssh-no-passphrase", new FoundCredential.SshPrivateKey("git", Secret.of("-----key " + CANARY), Secret.of("")),
            "git-ssh-no-key", new FoundCredential.SshPrivateKey("git", null, null),
            "empty-token", new FoundCredential.SecretText(Secret.of("")),
            "azure", new FoundCredential.AzureManagedIdentity(null, null),
            "cert", new FoundCredential.Unsupported("CertificateCredentialsImpl"));

    private final CredentialConversion conversion = new CredentialConversion(id -> Optional.ofNullable(store.get(id)));

    @Test
    void aUsernameWithPasswordIsHttpsBasicAuth() {
        assertThat(conversion.gitAuth("credentialsId", "git-basic", null, false))
                .isEqualTo(new GitAuth.UsernamePassword("bot", Secret.of(CANARY)));
    }

    @Test
    void aSecretTextIsATokenSentWithTheUsualTokenUserName() {
        assertThat(conversion.gitAuth("credentialsId", "git-token", null, false))
                .isEqualTo(new GitAuth.UsernamePassword(CredentialConversion.TOKEN_USERNAME, Secret.of(CANARY)));
    }

    @Test
    void anSshKeyCarriesItsUserPassphraseAndTheKnownHostsPolicy() {
        GitAuth auth = conversion.gitAuth("credentialsId", "git-ssh", KNOWN_HOSTS, false);

        assertThat(auth).isEqualTo(new GitAuth.SshKey("git", Secret.of("-----key " + CANARY), Secret.of(CANARY + "-pass"),
                KNOWN_HOSTS, false));
        GitAuth.SshKey withoutPassphrase = (GitAuth.SshKey) conversion.gitAuth("credentialsId", "git-ssh-no-passphrase", null, true);
        assertThat(withoutPassphrase.passphrase()).as("an empty passphrase means none").isNull();
        assertThat(withoutPassphrase.knownHosts()).isEmpty();
        assertThat(withoutPassphrase.acceptNewHostKey()).isTrue();
    }

    @Test
    void noCredentialIsAnonymous() {
        assertThat(conversion.gitAuth("credentialsId", " ", null, false)).isEqualTo(new GitAuth.None());
        assertThat(conversion.apiToken("pullRequestCredentialsId", null)).isNull();
    }

    @Test
    void kindsGitCannotUseAreRefusedNamingTheFieldAndWhatToUse() {
        assertThatThrownBy(() -> conversion.gitAuth("credentialsId", "azure", null, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("credentialsId").hasMessageContaining("'azure' is a Azure managed identity")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).contains("SSH private key"));
        assertThatThrownBy(() -> conversion.gitAuth("credentialsId", "git-ssh-no-key", null, false))
                .hasMessageContaining("has no private key");
        assertThatThrownBy(() -> conversion.gitAuth("credentialsId", "missing", null, false))
                .hasMessageContaining("no credential with id 'missing'");
    }

    @Test
    void anApiTokenIsASecretTextOrThePasswordOfAUsernameWithPassword() {
        assertThat(conversion.apiToken("pullRequestCredentialsId", "git-token")).isEqualTo(Secret.of(CANARY));
        assertThat(conversion.apiToken("pullRequestCredentialsId", "git-basic")).isEqualTo(Secret.of(CANARY));
        assertThatThrownBy(() -> conversion.apiToken("argoCdCredentialsId", "git-ssh"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("argoCdCredentialsId").hasMessageContaining("not a token");
        assertThatThrownBy(() -> conversion.apiToken("argoCdCredentialsId", "empty-token"))
                .hasMessageContaining("has no secret");
    }

    @Test
    void noRefusalShowsTheSecret() {
        for (String id : store.keySet()) {
            for (Runnable attempt : new Runnable[] {
                () -> conversion.gitAuth("credentialsId", id, null, false),
                () -> conversion.apiToken("pullRequestCredentialsId", id)}) {
                try {
                    attempt.run();
                } catch (InvalidInputException refused) {
                    assertThat(refused.describe()).doesNotContain(CANARY);
                }
            }
        }
    }
}
