package dev.slipway.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.azure.AksCredentials;
import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.EngineContext;
import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.fakes.ArmFake;
import dev.slipway.testsupport.fakes.FakeJwt;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.proxy.FaultProxy;
import dev.slipway.testsupport.proxy.RecordedRequest;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push mode's network traffic takes the engine's network setting: ARM (the fake of listClusterUserCredential) and the
 * Kubernetes API (fabric8's mock, through fabric8's okhttp client) both through the fault proxy in forward mode, with
 * proxy credentials; the no-proxy list sends the cluster traffic directly.
 */
@Tag("server")
class AksThroughProxyTest {
    private static final String CANARY_CLIENT_SECRET = Canary.of("client-secret");
    static final String SUB = "00000000-0000-0000-0000-0000000000cc";
    static final AzureIdentity IDENTITY = new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant", "client",
            Secret.of(CANARY_CLIENT_SECRET));
    static final String PROXY_PASSWORD = Canary.of("kube-proxy-pass");

    @RegisterExtension
    static KubeServer kube = KubeServer.crud();
    @RegisterExtension
    static ArmFake arm = new ArmFake();
    @RegisterExtension
    static FaultProxy proxy = FaultProxy.forward().requireBasicAuth("builder", PROXY_PASSWORD);

    @TempDir
    Path workspace;

    @BeforeEach
    void cluster() throws IOException {
        proxy.reset();
        arm.cluster(SUB, "rg", "shop", "apiVersion: v1\nkind: Config\nclusters:\n- name: shop\n  cluster:\n    server: "
                + kube.url() + "\ncontexts:\n- name: shop\n  context:\n    cluster: shop\n    user: aad\n    namespace: aks\n"
                + "current-context: shop\nusers:\n- name: aad\n  user:\n    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n");
        Files.writeString(workspace.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
    }

    private DeployResult plan(NetworkSettings network) {
        EngineContext context = new EngineContext(workspace, new Events(Clock.systemUTC(), new SecretMasker()))
                .withNetwork(network);
        Deployer deployer = Deployer.withAzure(context, (identity, scope) -> Secret.of(FakeJwt.issue(
                scope.startsWith(AksCredentials.AKS_SERVER_APP) ? AksCredentials.AKS_SERVER_APP : "https://management.azure.com/",
                "tenant", "client", 3600)), arm.url());
        return deployer.deploy(new DeployRequest(List.of("cm.yaml"), List.of(),
                new ClusterAccess.Aks(IDENTITY, SUB, "rg", "shop", false), null, true, false, false, false, false, false,
                null, null));
    }

    private static NetworkSettings network() {
        return NetworkSettings.direct().withProxyUrl("http://builder:" + PROXY_PASSWORD + "@" + proxy.hostPort());
    }

    @Test
    void armAndTheClusterAreBothReachedThroughTheProxy() {
        DeployResult plan = plan(network());

        assertThat(plan.objects()).extracting(o -> o.namespace() + "/" + o.name() + " " + o.action())
                .containsExactly("aks/settings WOULD_CREATE");
        String armAuthority = URI.create(arm.url()).getAuthority();
        String kubeAuthority = URI.create(kube.url()).getAuthority();
        List<RecordedRequest> seen = proxy.requests();
        assertThat(seen).anyMatch(r -> r.authority().equals(armAuthority)
                && r.path().equals(ArmFake.credentialPath(SUB, "rg", "shop", "listClusterUserCredential")) && r.status() == 200);
        // fabric8's okhttp answers the proxy's 407 itself; the configmap does not exist yet (404: WOULD_CREATE)
        assertThat(seen).anyMatch(r -> r.authority().equals(kubeAuthority) && r.path().startsWith("/api/v1/namespaces/aks/")
                && r.status() == 404);
        assertThat(kube.requests()).isNotEmpty();
    }

    @Test
    void theNoProxyListSendsClusterTrafficDirectlyWhileArmStillGoesThroughTheProxy() {
        // the ARM fake listens on 127.0.0.1, the Kubernetes mock on "localhost": only the cluster matches
        assertThat(URI.create(kube.url()).getHost()).isEqualTo("localhost");

        plan(network().withNoProxy(List.of("localhost")));

        String armAuthority = URI.create(arm.url()).getAuthority();
        assertThat(proxy.requests()).isNotEmpty().allMatch(r -> r.authority().equals(armAuthority) || r.status() == 407);
    }
}
