package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.fakes.ArmFake;
import dev.slipway.testsupport.fakes.AzureAdFake;
import dev.slipway.testsupport.fakes.FakeJwt;
import dev.slipway.testsupport.kube.KubeServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slipway deploy} and {@code slipway wait} reaching an AKS cluster without a kubeconfig: the Azure AD fake (over
 * TLS, as MSAL wants an https authority) issues the service principal's tokens through azure-identity, the ARM fake
 * answers listClusterUserCredential with a kubelogin kubeconfig whose server is fabric8's Kubernetes mock, and the
 * kubelogin user is replaced with a token for the AKS server application. The client secret is a canary.
 */
@Tag("server")
class AksAccessCommandTest {
    private static final String CANARY_WRONG_SECRET = Canary.of("wrong-secret");
    static final String CLIENT_SECRET = Canary.of("aks-client-secret");
    static final String SUB = "00000000-0000-0000-0000-0000000000dd";
    static final String IMAGE = "shop.azurecr.io/shop/web:2@sha256:" + "2".repeat(64);
    static final String OURS = "a".repeat(40);

    @RegisterExtension
    static final AzureAdFake aad = overTls(new AzureAdFake()).clientWithSecret("tenant-k", "client-k", CLIENT_SECRET);
    @RegisterExtension
    static final ArmFake arm = new ArmFake();
    @RegisterExtension
    static final KubeServer kube = KubeServer.crud();

    @TempDir
    Path workspace;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private static AzureAdFake overTls(AzureAdFake fake) {
        fake.useTls();
        return fake;
    }

    @BeforeEach
    void cluster() throws IOException {
        arm.clearRequests();
        aad.clearRequests();
        arm.cluster(SUB, "rg", "shop", "apiVersion: v1\nkind: Config\nclusters:\n- name: shop\n  cluster:\n    server: "
                + kube.url() + "\ncontexts:\n- name: shop\n  context:\n    cluster: shop\n    user: aad\n    namespace: aks\n"
                + "current-context: shop\nusers:\n- name: aad\n  user:\n    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n");
        arm.clusterWithoutLocalAccounts(SUB, "rg", "locked", "apiVersion: v1\nkind: Config\n");
        Files.writeString(workspace.resolve("aad-ca.pem"), aad.caCertificatePem());
        Files.createDirectories(workspace.resolve("app"));
        Files.writeString(workspace.resolve("app/web.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n"
                + "      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n"
                + "        image: shop.azurecr.io/shop/web:latest\n");
    }

    private int run(String command, String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        EngineCommand engineCommand = cli.getSubcommands().get(command).getCommand();
        engineCommand.environment = Map.of("AZURE_CLIENT_SECRET", CLIENT_SECRET);
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private List<String> aks(String cluster, String... more) {
        List<String> args = new ArrayList<>(List.of("--subscription-id", SUB, "--resource-group", "rg", "--cluster-name", cluster,
                "--azure", "client-secret", "--tenant", "tenant-k", "--client-id", "client-k", "--authority-host",
                aad.authorityHost(), "--arm-endpoint", arm.url(), "--ca-file", workspace.resolve("aad-ca.pem").toString()));
        args.addAll(List.of(more));
        return args;
    }

    private int deploy(List<String> aks, String... more) {
        List<String> args = new ArrayList<>(List.of("-f", "app", "-i", IMAGE, "--workspace", workspace.toString()));
        args.addAll(aks);
        args.addAll(List.of(more));
        return run("deploy", args.toArray(String[]::new));
    }

    private String output() {
        return out + "\n" + err;
    }

    @Test
    void deployPlansAgainstTheClusterArmNamesWithATokenForTheAksServerApp() {
        int exit = deploy(aks("shop"), "--plan");

        assertThat(exit).as(output()).isZero();
        assertThat(out.toString()).contains("[plan] Deployment/aks/web: would create", "+         image: " + IMAGE);
        assertThat(arm.requests()).singleElement().satisfies(r -> assertThat(r.path())
                .isEqualTo(ArmFake.credentialPath(SUB, "rg", "shop", "listClusterUserCredential")));
        assertThat(FakeJwt.claims(arm.requests().get(0).bearerToken())).containsEntry("aud", "https://management.azure.com");
        assertThat(aad.requests()).extracting(r -> r.form().get("scope"))
                .anyMatch(scope -> scope.contains(AzureAdFake.AKS_SCOPE)).anyMatch(scope -> scope.contains(AzureAdFake.ARM_SCOPE));
        assertThat(err.toString()).contains("getting the AKS cluster's user credentials from Azure Resource Manager as service"
                + " principal client-k");
        assertThat(output()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void deployAppliesAndWaitsWithJsonOutputAndNoSecretInIt() {
        int exit = deploy(aks("shop"), "-n", "aks-json", "--timeout", "200ms", "-o", "json");

        // the mock runs no pods: the rollout cannot finish, which proves the apply reached the cluster
        assertThat(exit).as(output()).isEqualTo(4);
        assertThat(kube.serverSideApplies()).anySatisfy(r -> assertThat(r.path()).contains("/namespaces/aks-json/deployments/web"));
        assertThat(output()).doesNotContain(CLIENT_SECRET).doesNotContain("kubelogin");
    }

    @Test
    void adminCredentialsOfAClusterWithoutLocalAccountsAreRefusedWithArmsReason() {
        int exit = deploy(aks("locked"), "--plan", "--admin");

        assertThat(exit).as(output()).isEqualTo(1);
        assertThat(arm.requests()).singleElement().satisfies(r -> assertThat(r.path())
                .endsWith("/managedClusters/locked/listClusterAdminCredential"));
        assertThat(err.toString()).contains("disable local accounts", "use user credentials");
        assertThat(output()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aWrongClientSecretExitsThreeWithoutReachingArm() {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        DeployCommand deploy = cli.getSubcommands().get("deploy").getCommand();
        deploy.environment = Map.of("AZURE_CLIENT_SECRET", CANARY_WRONG_SECRET);
        List<String> args = new ArrayList<>(List.of("deploy", "-f", "app", "--plan", "--workspace", workspace.toString()));
        args.addAll(aks("shop"));

        int exit = cli.execute(args.toArray(String[]::new));

        assertThat(exit).as(output()).isEqualTo(3);
        assertThat(arm.requests()).isEmpty();
        assertThat(output()).doesNotContain(CANARY_WRONG_SECRET).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aKubeconfigAndAnAksClusterTogetherAreAUsageErrorNamingBoth() throws IOException {
        Files.writeString(workspace.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");

        int exit = deploy(aks("shop", "--kubeconfig", workspace.resolve("kubeconfig").toString()), "--plan");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--kubeconfig", "exclude each other", "give either --kubeconfig FILE or the AKS cluster");
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void anIncompleteAksClusterNamesTheMissingOption() {
        int exit = deploy(List.of("--subscription-id", SUB, "--cluster-name", "shop", "--azure", "client-secret"), "--plan");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--resource-group", "is missing: an AKS cluster needs --subscription-id,"
                + " --resource-group and --cluster-name");
    }

    @Test
    void anAksClusterWithoutAnIdentityAsksForAzure() {
        int exit = deploy(List.of("--subscription-id", SUB, "--resource-group", "rg", "--cluster-name", "shop"), "--plan");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--azure", "is missing", "client-secret|client-certificate|managed-identity|workload-identity");
    }

    @Test
    void anIdentityWithoutAnAksClusterIsRefusedRatherThanIgnored() {
        int exit = deploy(List.of("--azure", "managed-identity"), "--plan");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--azure", "names an identity but no AKS cluster");
    }

    @Test
    void aContextWithAnAksClusterIsRefused() {
        int exit = deploy(aks("shop", "--context", "other"), "--plan");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--context", "remove --context");
    }

    @Test
    void waitReadsFluxThroughTheAksCluster() {
        var resource = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        resource.setApiVersion("kustomize.toolkit.fluxcd.io/v1");
        resource.setKind("Kustomization");
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("web-aks")
                .withNamespace("flux-system").build());
        resource.setAdditionalProperty("spec", Map.of("path", "./deploy"));
        kube.client().genericKubernetesResources(KubeServer.FLUX_KUSTOMIZATION).inNamespace("flux-system").resource(resource).create();
        kube.fluxKustomizationStatus("flux-system", "web-aks", true, "ReconciliationSucceeded", "main@sha1:" + OURS);
        List<String> args = new ArrayList<>(List.of("--flux", "flux-system/web-aks", "--commit", OURS, "--poll-interval", "10ms"));
        args.addAll(aks("shop"));

        int exit = run("wait", args.toArray(String[]::new));

        assertThat(exit).as(output()).isZero();
        assertThat(out.toString()).contains("live: ");
        assertThat(arm.requests()).hasSize(1);
        assertThat(kube.requests()).anySatisfy(r -> assertThat(r.path()).contains("/kustomizations/web-aks"));
        assertThat(output()).doesNotContain(CLIENT_SECRET);
    }
}
