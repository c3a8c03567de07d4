package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.fakes.ArmFake;
import dev.slipway.testsupport.fakes.AzureAdFake;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.registry.SmallOciLayout;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slipway deliver} in push mode to an AKS cluster named in {@code slipway.yaml}: an OCI layout pushed to the real
 * registry (Debian docker-registry), the cluster's kubeconfig from the ARM fake with a token from the Azure AD fake (over
 * TLS, trusted through {@code kubernetes.aks.caFile}), the plan from fabric8's Kubernetes mock. The client secret is a canary.
 */
@Tag("server")
class DeliverAksServersTest {
    static final String CLIENT_SECRET = Canary.of("deliver-aks");
    static final String SUB = "00000000-0000-0000-0000-0000000000ff";

    @RegisterExtension
    static final RegistryServer registry = RegistryServer.noAuth();
    @RegisterExtension
    static final AzureAdFake aad = overTls(new AzureAdFake()).clientWithSecret("tenant-d", "client-d", CLIENT_SECRET);
    @RegisterExtension
    static final ArmFake arm = new ArmFake();
    @RegisterExtension
    static final KubeServer kube = KubeServer.crud();

    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static AzureAdFake overTls(AzureAdFake fake) {
        fake.useTls();
        return fake;
    }

    @Test
    void pushesThenPlansAgainstTheAksClusterAndWritesTheRecordWithoutTheSecret() throws IOException {
        arm.cluster(SUB, "shop-rg", "aks-prod", "apiVersion: v1\nkind: Config\nclusters:\n- name: aks-prod\n  cluster:\n"
                + "    server: " + kube.url() + "\ncontexts:\n- name: aks-prod\n  context:\n    cluster: aks-prod\n    user: aad\n"
                + "current-context: aks-prod\nusers:\n- name: aad\n  user:\n    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n");
        SmallOciLayout.write(workspace.resolve("oci"), "deliver-aks");
        Files.writeString(workspace.resolve("aad-ca.pem"), aad.caCertificatePem());
        Files.createDirectories(workspace.resolve("k8s"));
        Files.writeString(workspace.resolve("k8s/web.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n"
                + "        app: web\n    spec:\n      containers:\n      - name: app\n        image: " + registry.hostPort()
                + "/shop/web:0\n");
        Files.writeString(workspace.resolve("slipway.yaml"), """
                schemaVersion: 1
                image:
                  repository: %s/shop/web
                  tags: [1.0.0]
                layout: oci
                registry:
                  plainHttp: true
                environments:
                  prod:
                    mode: push
                    kubernetes:
                      manifests: [k8s]
                      namespace: shop
                      plan: true
                      aks:
                        subscriptionId: %s
                        resourceGroup: shop-rg
                        clusterName: aks-prod
                        armEndpoint: %s
                        caFile: aad-ca.pem
                        azure:
                          kind: client-secret
                          tenant: tenant-d
                          clientId: client-d
                          clientSecretEnv: DEPLOY_SECRET
                          authorityHost: %s
                """.formatted(registry.hostPort(), SUB, arm.url(), aad.authorityHost()));
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        DeliverCommand deliver = cli.getSubcommands().get("deliver").getCommand();
        deliver.environment = Map.of("DEPLOY_SECRET", CLIENT_SECRET);

        int exit = cli.execute("deliver", "--workspace", workspace.toString(), "-e", "prod", "--record", "out/delivery.json");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("delivered " + registry.hostPort() + "/shop/web@sha256:");
        assertThat(err.toString()).contains("Deployment/shop/web: would create",
                "getting the AKS cluster's user credentials from Azure Resource Manager as service principal client-d");
        assertThat(arm.requests()).singleElement().satisfies(r -> assertThat(r.path())
                .isEqualTo(ArmFake.credentialPath(SUB, "shop-rg", "aks-prod", "listClusterUserCredential")));
        assertThat(kube.serverSideApplies()).isEmpty();
        String record = Files.readString(workspace.resolve("out/delivery.json"));
        assertThat(record).contains("\"status\" : \"SUCCEEDED\"").as("the record names the cluster the kubeconfig was fetched for")
                .containsPattern("\"cluster\" : \"aks-prod\"");
        assertThat(out + "\n" + err + record + Files.readString(workspace.resolve("out/delivery.html"))).doesNotContain(CLIENT_SECRET);
    }
}
