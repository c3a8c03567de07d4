package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway deliver} with {@code kubernetes.aks}: what reaches the AKS login, and what the deploy request gets back. */
class DeliverAksTest {
    static final String CANARY = Canary.of("deliver-aks-secret");

    @TempDir
    Path workspace;

    private final List<AksOptions.Target> logins = new CopyOnWriteArrayList<>();

    private DeliverCommand command(Map<String, String> environment, String... args) {
        DeliverCommand command = new DeliverCommand();
        command.environment = environment;
        command.aksLogin = target -> {
            logins.add(target);
            return new ClusterAccess.Kubeconfig(Secret.of("apiVersion: v1\nkind: Config\n"), null);
        };
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private DeliveryRequest request(DeliverCommand command, String yaml) {
        DeliveryConfig config = SlipwayYaml.parse(yaml, "slipway.yaml");
        return command.request(config, config.environments().get("prod"), workspace, "d-aks", new SecretMasker());
    }

    @Test
    void theClusterTheIdentityAndItsSecretFromTheNamedVariableReachTheLogin() {
        DeliveryRequest request = request(command(Map.of("DEPLOY_SECRET", CANARY), "-e", "prod", "--plan"),
                SlipwayYamlAksTest.AKS.replace("        clusterName: aks-prod", "        clusterName: aks-prod\n        admin: true"));

        assertThat(logins).singleElement().satisfies(target -> {
            assertThat(target.subscriptionId()).isEqualTo("00000000-0000-0000-0000-0000000000ee");
            assertThat(target.resourceGroup()).isEqualTo("shop-rg");
            assertThat(target.clusterName()).isEqualTo("aks-prod");
            assertThat(target.admin()).isTrue();
            assertThat(target.identity()).isInstanceOfSatisfying(AzureIdentity.ClientSecret.class, identity -> {
                assertThat(identity.tenantId()).isEqualTo("tenant-y");
                assertThat(identity.clientId()).isEqualTo("client-y");
                assertThat(identity.clientSecret().reveal()).isEqualTo(CANARY);
            });
        });
        assertThat(request.deploy().cluster()).isInstanceOf(ClusterAccess.Kubeconfig.class);
        assertThat(request.deploy().namespace()).isEqualTo("shop");
        assertThat(request.deploy().plan()).isTrue();
        assertThat(request.toString()).doesNotContain(CANARY);
    }

    @Test
    void tenantAndClientIdDefaultToTheAzureVariablesAndTheSecretFileIsInTheWorkspace() throws Exception {
        Files.writeString(workspace.resolve("secret.txt"), CANARY + "\n");
        String yaml = SlipwayYamlAksTest.AKS.replace("          tenant: tenant-y\n", "").replace("          clientId: client-y\n", "")
                .replace("clientSecretEnv: DEPLOY_SECRET", "clientSecretFile: secret.txt");

        request(command(Map.of("AZURE_TENANT_ID", "tenant-e", "AZURE_CLIENT_ID", "client-e"), "-e", "prod"), yaml);

        assertThat(logins).singleElement().satisfies(target -> assertThat(target.identity())
                .isEqualTo(new AzureIdentity.ClientSecret(dev.slipway.azure.AzureCloud.AZURE_PUBLIC, "tenant-e", "client-e",
                        ((AzureIdentity.ClientSecret) target.identity()).clientSecret())));
        assertThat(((AzureIdentity.ClientSecret) logins.get(0).identity()).clientSecret().reveal()).isEqualTo(CANARY);
    }

    @Test
    void aMissingSecretVariableNamesTheYamlKeyAndNoLoginHappens() {
        DeliverCommand command = command(Map.of(), "-e", "prod");

        assertThatThrownBy(() -> request(command, SlipwayYamlAksTest.AKS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("kubernetes.aks.azure.clientSecretEnv")
                .hasMessageContaining("DEPLOY_SECRET");
        assertThat(logins).isEmpty();
    }

    @Test
    void aMissingTenantNamesTheYamlKey() {
        String yaml = SlipwayYamlAksTest.AKS.replace("          tenant: tenant-y\n", "");

        assertThatThrownBy(() -> request(command(Map.of("DEPLOY_SECRET", CANARY), "-e", "prod"), yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("kubernetes.aks.azure.tenant: is required for this Azure identity")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).isEqualTo("give kubernetes.aks.azure.tenant"));
    }

    @Test
    void optionNamesBecomeTheYamlKeys() {
        assertThat(DeliverCommand.azureKey("kubernetes.aks", "azure")).isEqualTo("kubernetes.aks.azure.kind");
        assertThat(DeliverCommand.azureKey("kubernetes.aks", "client-secret-env")).isEqualTo("kubernetes.aks.azure.clientSecretEnv");
        assertThat(DeliverCommand.azureKey("kubernetes.aks", "tenant")).isEqualTo("kubernetes.aks.azure.tenant");
    }
}
