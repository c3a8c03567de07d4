package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.image.BuildRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The credential lookup here is a map: a fake, because Jenkins' credential store does not run in unit tests. */
class CredentialConversionTest {
    private static final String CANARY = Canary.of("credential-secret");

    private final Map<String, FoundCredential> store = Map.of(
            "sp", new FoundCredential.AzureServicePrincipal("Azure", "https://login.microsoftonline.com/", "tenant-1",
                    "client-1", Secret.of(CANARY)),
            "sp-china", new FoundCredential.AzureServicePrincipal("Azure China", null, "tenant-2", "client-2",
                    Secret.of(CANARY)),
            "sp-stack", new FoundCredential.AzureServicePrincipal("Azure", "https://login.stack.example/", "tenant-3",
                    "client-3", Secret.of(CANARY)),
            "sp-germany", new FoundCredential.AzureServicePrincipal("Azure Germany", null, "t", "c", Secret.of(CANARY)),
            "sp-no-tenant", new FoundCredential.AzureServicePrincipal("Azure", null, " ", "c", Secret.of(CANARY)),
            "mi", new FoundCredential.AzureManagedIdentity("Azure US Government", ""),
            "mi-user", new FoundCredential.AzureManagedIdentity(null, "user-assigned-1"),
            "admin", new FoundCredential.UsernamePassword("shopacr", Secret.of(CANARY)),
            "npm-token", new FoundCredential.SecretText(Secret.of(CANARY)),
            "ssh", new FoundCredential.Unsupported("SSH username with private key"));

    private final CredentialConversion conversion = new CredentialConversion(id -> Optional.ofNullable(store.get(id)));

    @Test
    void aServicePrincipalBecomesAnAzureAdClientSecretIdentityInItsCloud() {
        RegistryAuth auth = conversion.registryAuth("credentialsId", "sp");

        assertThat(auth).isEqualTo(new RegistryAuth.AzureAd(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC,
                "tenant-1", "client-1", Secret.of(CANARY)), null));
        RegistryAuth.AzureAd china = (RegistryAuth.AzureAd) conversion.registryAuth("credentialsId", "sp-china");
        assertThat(china.identity().cloud()).isEqualTo(AzureCloud.AZURE_CHINA);
    }

    @Test
    void anActiveDirectoryEndpointOtherThanTheCloudsIsKeptAsTheAuthorityHost() {
        RegistryAuth.AzureAd auth = (RegistryAuth.AzureAd) conversion.registryAuth("credentialsId", "sp-stack");

        assertThat(auth.authorityHost()).isEqualTo("https://login.stack.example/");
    }

    @Test
    void aManagedIdentityIsSystemAssignedWithoutAClientIdAndUserAssignedWithOne() {
        assertThat(conversion.registryAuth("credentialsId", "mi")).isEqualTo(new RegistryAuth.AzureAd(
                new AzureIdentity.ManagedIdentity(AzureCloud.AZURE_US_GOVERNMENT, null)));
        assertThat(conversion.registryAuth("credentialsId", "mi-user")).isEqualTo(new RegistryAuth.AzureAd(
                new AzureIdentity.ManagedIdentity(AzureCloud.AZURE_PUBLIC, "user-assigned-1")));
    }

    @Test
    void usernameAndPasswordIsBasicAuthAndNoIdIsAnonymous() {
        assertThat(conversion.registryAuth("credentialsId", "admin"))
                .isEqualTo(new RegistryAuth.Basic("shopacr", Secret.of(CANARY)));
        assertThat(conversion.registryAuth("credentialsId", "  ")).isEqualTo(new RegistryAuth.Anonymous());
        assertThat(conversion.registryAuth("credentialsId", null)).isEqualTo(new RegistryAuth.Anonymous());
    }

    @Test
    void secretTextIsABuildSecretValue() {
        BuildRequest.BuildSecret secret = conversion.buildSecret("secrets", "npmrc", "npm-token");

        assertThat(secret).isEqualTo(BuildRequest.BuildSecret.ofValue("npmrc", Secret.of(CANARY)));
    }

    @Test
    void refusalsNameTheFieldTheCredentialAndTheFixButNeverTheSecret() {
        assertRefused(() -> conversion.registryAuth("credentialsId", "missing"), "credentialsId",
                "no credential with id 'missing'");
        assertRefused(() -> conversion.registryAuth("credentialsId", "npm-token"), "credentialsId",
                "'npm-token' is a secret text, which cannot log in");
        assertRefused(() -> conversion.registryAuth("credentialsId", "ssh"), "credentialsId",
                "SSH username with private key");
        assertRefused(() -> conversion.registryAuth("credentialsId", "sp-germany"), "credentialsId",
                "environment 'Azure Germany'");
        assertRefused(() -> conversion.registryAuth("credentialsId", "sp-no-tenant"), "credentialsId", "has no tenant");
        assertRefused(() -> conversion.buildSecret("secrets", "npmrc", "admin"), "secrets",
                "'admin' for build secret 'npmrc' is a username with password, not a secret text");
        assertRefused(() -> conversion.buildSecret("secrets", "npmrc", ""), "secrets", "names no credential");
        assertRefused(() -> CredentialConversion.azureIdentity("azureCredentialsId", "admin", store.get("admin")),
                "azureCredentialsId", "not an Azure credential");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
            String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.describe()).contains(text).doesNotContain(CANARY);
        });
    }
}
