package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code registry.azure} in {@code slipway.yaml}: the registry's Azure AD identity, exchanged for an ACR token as with {@code push --azure}. */
class DeliverRegistryAzureTest {
    static final String CANARY = Canary.of("registry-azure-secret");
    static final String YAML = """
            schemaVersion: 1
            image:
              repository: shopacr.azurecr.cn/shop/web
            layout: oci
            registry:
              azure:
                kind: client-secret
                tenant: tenant-r
                clientId: client-r
                clientSecretEnv: ACR_SP_SECRET
            environments:
              dev:
                mode: gitops
                gitops:
                  repository: https://git.example/gitops.git
            """;

    @TempDir
    Path workspace;

    private DeliveryRequest request(String yaml, Map<String, String> environment) {
        DeliveryConfig config = SlipwayYaml.parse(yaml, "slipway.yaml");
        DeliverCommand command = new DeliverCommand();
        command.environment = environment;
        new CommandLine(command).parseArgs("-e", "dev");
        return command.request(config, config.environments().get("dev"), workspace, "d-reg", new SecretMasker());
    }

    @Test
    void theIdentityIsExchangedForAnAcrTokenInTheRegistrysCloud() {
        DeliveryRequest request = request(YAML, Map.of("ACR_SP_SECRET", CANARY));

        assertThat(request.push().auth()).isInstanceOfSatisfying(RegistryAuth.AzureAd.class, auth -> {
            assertThat(auth.identity()).isInstanceOfSatisfying(AzureIdentity.ClientSecret.class, identity -> {
                assertThat(identity.cloud()).isEqualTo(AzureCloud.AZURE_CHINA);
                assertThat(identity.tenantId()).isEqualTo("tenant-r");
                assertThat(identity.clientId()).isEqualTo("client-r");
                assertThat(identity.clientSecret().reveal()).isEqualTo(CANARY);
            });
        });
        assertThat(request.toString()).doesNotContain(CANARY);
    }

    @Test
    void aWorkloadIdentityTakesItsNamesFromTheAzureVariables() {
        DeliveryRequest request = request(YAML.replace("kind: client-secret", "kind: workload-identity")
                .replace("    tenant: tenant-r\n", "").replace("    clientId: client-r\n", "")
                .replace("    clientSecretEnv: ACR_SP_SECRET\n", ""),
                Map.of("AZURE_TENANT_ID", "t", "AZURE_CLIENT_ID", "c", "AZURE_FEDERATED_TOKEN_FILE", "/var/run/token"));

        assertThat(((RegistryAuth.AzureAd) request.push().auth()).identity())
                .isEqualTo(new AzureIdentity.WorkloadIdentity(AzureCloud.AZURE_CHINA, "t", "c", "/var/run/token"));
    }

    @Test
    void aMissingSecretNamesTheRegistryKey() {
        Throwable e = catchThrowable(() -> request(YAML, Map.of()));

        assertThat(e).isInstanceOf(InvalidInputException.class).hasMessageContaining("registry.azure.clientSecretEnv")
                .hasMessageContaining("ACR_SP_SECRET");
    }

    @Test
    void azureBesideAUserNameIsRefusedAndASecretValueIsNeverRead() {
        assertThat(catchThrowable(() -> SlipwayYaml.parse(YAML.replace("registry:\n", "registry:\n  username: bot\n"), "slipway.yaml")))
                .hasMessageContaining("registry.username: and azure exclude each other");
        assertThat(catchThrowable(() -> SlipwayYaml.parse(YAML.replace("clientSecretEnv: ACR_SP_SECRET", "clientSecret: " + CANARY),
                "slipway.yaml")))
                .hasMessageContaining("registry.azure.clientSecret").hasMessageContaining("secrets are never written")
                .hasMessageNotContaining(CANARY);
    }
}
