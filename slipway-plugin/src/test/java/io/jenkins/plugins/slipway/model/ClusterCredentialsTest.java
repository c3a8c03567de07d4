package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AksCredentials;
import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.fakes.ArmFake;
import dev.slipway.testsupport.fakes.FakeJwt;
import dev.slipway.testsupport.secrets.Canary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster access resolved on the controller. The credential lookup is a map (a fake: Jenkins' credential store does
 * not run here); Azure Resource Manager is the test-support fake on the JDK HTTP server, and Azure AD tokens come from
 * a fake token source (no Azure AD is reachable).
 */
@Tag("server")
class ClusterCredentialsTest {
    private static final String CANARY = Canary.of("client-secret");
    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
            + "    server: https://aks.example:443\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n"
            + "current-context: c\nusers:\n- name: u\n  user:\n    token: " + CANARY + "\n";
    private static final String SUB = "00000000-0000-0000-0000-0000000000cc";

    @RegisterExtension
    static ArmFake arm = new ArmFake();

    private final Map<String, FoundCredential> store = Map.of(
            "kube", new FoundCredential.SecretFile("config", Secret.of(KUBECONFIG)),
            "empty", new FoundCredential.SecretFile("config", Secret.of("")),
            "sp", new FoundCredential.AzureServicePrincipal("Azure", null, "tenant", "client", Secret.of(CANARY)),
            "text", new FoundCredential.SecretText(Secret.of(CANARY)));
    private final CredentialConversion credentials = new CredentialConversion(id -> Optional.ofNullable(store.get(id)));

    @Test
    void aKubeconfigSecretFileGoesToTheAgentWithItsContextAndIsMasked() {
        SecretMasker masker = new SecretMasker();

        ClusterAccess.Kubeconfig access = ControllerClusterLogin.forAgent(ClusterSettings.kubeconfig("kube", "c"),
                credentials, (identity, scope) -> {
                    throw new AssertionError("no Azure token for a kubeconfig");
                }, null, masker);

        assertThat(access.content().reveal()).isEqualTo(KUBECONFIG);
        assertThat(access.context()).isEqualTo("c");
        assertThat(masker.mask(KUBECONFIG)).doesNotContain(CANARY);
    }

    @Test
    void otherCredentialKindsOrAnEmptyFileAreRefusedNamingTheField() {
        assertThatThrownBy(() -> credentials.kubeconfig("kubeconfigCredentialsId", "text"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("kubeconfigCredentialsId"))
                .hasMessageContaining("not a secret file").hasMessageNotContaining(CANARY);
        assertThatThrownBy(() -> credentials.kubeconfig("kubeconfigCredentialsId", "empty"))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> credentials.azureIdentity("azureCredentialsId", "kube"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("azureCredentialsId"))
                .hasMessageContaining("not an Azure credential");
    }

    @Test
    void anAadClusterIsReachedWithATokenForTheAksServerAppFetchedOnTheController() {
        arm.cluster(SUB, "rg", "aks-prod", "apiVersion: v1\nkind: Config\nclusters:\n- name: aks-prod\n  cluster:\n"
                + "    server: https://aks-prod.example:443\ncontexts:\n- name: aks-prod\n  context:\n    cluster: aks-prod\n"
                + "    user: aad\ncurrent-context: aks-prod\nusers:\n- name: aad\n  user:\n    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n");
        List<String> scopes = new CopyOnWriteArrayList<>();
        List<String> tokens = new CopyOnWriteArrayList<>();
        SecretMasker masker = new SecretMasker();

        ClusterAccess.Kubeconfig access = ControllerClusterLogin.forAgent(ClusterSettings.aks("sp", SUB, "rg", "aks-prod",
                false), credentials, (identity, scope) -> {
                    assertThat(identity).isEqualTo(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant",
                            "client", Secret.of(CANARY)));
                    scopes.add(scope);
                    String token = FakeJwt.issue(scope.startsWith(AksCredentials.AKS_SERVER_APP)
                            ? AksCredentials.AKS_SERVER_APP : "https://management.azure.com/", "tenant", "client", 3600);
                    tokens.add(token);
                    return Secret.of(token);
                }, arm.url(), masker);

        String kubeconfig = access.content().reveal();
        assertThat(scopes).last().isEqualTo(AksCredentials.AKS_SERVER_APP + "/.default");
        assertThat(kubeconfig).contains("token: " + tokens.get(tokens.size() - 1)).doesNotContain("kubelogin")
                .doesNotContain(CANARY);
        assertThat(access.context()).isNull();
        assertThat(masker.mask(kubeconfig)).doesNotContain(tokens.get(tokens.size() - 1));
        assertThat(arm.requests()).anySatisfy(r -> assertThat(r.path())
                .isEqualTo(ArmFake.credentialPath(SUB, "rg", "aks-prod", "listClusterUserCredential")));
    }
}
