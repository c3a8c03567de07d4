package dev.slipway.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AksCredentials;
import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.EngineContext;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.fakes.ArmFake;
import dev.slipway.testsupport.fakes.FakeJwt;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** AKS access end to end: ARM fake → kubeconfig with kubelogin → token for the AKS server app → Kubernetes mock. */
@Tag("server")
class AksDeployTest {
    private static final String CANARY_CLIENT_SECRET = Canary.of("client-secret");
    static final String SUB = "00000000-0000-0000-0000-0000000000bb";
    static final AzureIdentity IDENTITY = new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant", "client",
            Secret.of(CANARY_CLIENT_SECRET));

    @RegisterExtension
    static KubeServer kube = KubeServer.crud();
    @RegisterExtension
    static ArmFake arm = new ArmFake();

    @TempDir
    Path workspace;

    @Test
    void anAadClusterIsReachedWithATokenForTheAksServerAppFromTheSameIdentity() throws IOException {
        arm.cluster(SUB, "rg", "shop", "apiVersion: v1\nkind: Config\nclusters:\n- name: shop\n  cluster:\n    server: "
                + kube.url() + "\ncontexts:\n- name: shop\n  context:\n    cluster: shop\n    user: aad\n    namespace: aks\n"
                + "current-context: shop\nusers:\n- name: aad\n  user:\n    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n");
        Files.writeString(workspace.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        List<String> scopes = new CopyOnWriteArrayList<>();
        List<Event> events = new CopyOnWriteArrayList<>();
        EngineContext context = new EngineContext(workspace, new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add));
        Deployer deployer = Deployer.withAzure(context, (identity, scope) -> {
            assertThat(identity).isEqualTo(IDENTITY);
            scopes.add(scope);
            return Secret.of(FakeJwt.issue(scope.startsWith(AksCredentials.AKS_SERVER_APP) ? AksCredentials.AKS_SERVER_APP
                    : "https://management.azure.com/", "tenant", "client", 3600));
        }, arm.url());

        DeployResult plan = deployer.deploy(new DeployRequest(List.of("cm.yaml"), List.of(),
                new ClusterAccess.Aks(IDENTITY, SUB, "rg", "shop", false), null, true, false, false, false, false, false,
                null, null));

        assertThat(plan.objects()).extracting(o -> o.namespace() + "/" + o.name() + " " + o.action())
                .containsExactly("aks/settings WOULD_CREATE");
        assertThat(scopes).hasSize(2).last().isEqualTo(AksCredentials.AKS_SERVER_APP + "/.default");
        assertThat(arm.requests()).anySatisfy(r -> assertThat(r.path())
                .isEqualTo(ArmFake.credentialPath(SUB, "rg", "shop", "listClusterUserCredential")));
        assertThat(events).allSatisfy(e -> assertThat(e.message()).doesNotContain(CANARY_CLIENT_SECRET));
    }
}
