package dev.slipway.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.support.SlipwayException;
import dev.slipway.testsupport.fakes.ArmFake;
import dev.slipway.testsupport.fakes.FakeJwt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AKS credentials through a fake of Azure Resource Manager (no Azure here; the fake answers as the documented API). */
@Tag("server")
class AksCredentialsTest {
    static final String SUB = "00000000-0000-0000-0000-0000000000aa";
    static final String EXEC_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: shop\n  cluster:\n"
            + "    server: https://shop-dns.hcp.westeurope.azmk8s.io:443\ncontexts:\n- name: shop\n  context:\n"
            + "    cluster: shop\n    user: clusterUser_rg_shop\ncurrent-context: shop\nusers:\n- name: clusterUser_rg_shop\n"
            + "  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n"
            + "      args: [get-token, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]\n";

    @RegisterExtension
    static ArmFake arm = new ArmFake().cluster(SUB, "rg", "shop", EXEC_KUBECONFIG)
            .clusterWithoutLocalAccounts(SUB, "rg", "locked", EXEC_KUBECONFIG);

    final List<String> scopes = new ArrayList<>();

    private AksCredentials credentials() {
        return new AksCredentials(arm.url(), scope -> {
            scopes.add(scope);
            String audience = scope.startsWith(AksCredentials.AKS_SERVER_APP) ? AksCredentials.AKS_SERVER_APP
                    : "https://management.azure.com/";
            return Secret.of(FakeJwt.issue(audience, "tenant", "client", 3600));
        });
    }

    @Test
    void userCredentialsOfAnAadClusterGetATokenForTheAksServerAppInsteadOfKubelogin() {
        Secret kubeconfig = credentials().kubeconfig(SUB, "rg", "shop", false);

        assertThat(kubeconfig.reveal()).contains("server: https://shop-dns.hcp.westeurope.azmk8s.io:443", "token: ")
                .doesNotContain("kubelogin", "exec");
        assertThat(scopes).containsExactly(arm.url() + (arm.url().endsWith("/") ? "" : "/") + ".default",
                AksCredentials.AKS_SERVER_APP + "/.default");
        assertThat(arm.requests()).singleElement().satisfies(r -> assertThat(r.path())
                .isEqualTo(ArmFake.credentialPath(SUB, "rg", "shop", "listClusterUserCredential")));
        assertThat(kubeconfig.toString()).isEqualTo(Secret.MASK);
    }

    @Test
    void adminCredentialsAreRefusedClearlyWhereLocalAccountsAreDisabledAndUnknownClustersNameTheCluster() {
        assertThatThrownBy(() -> credentials().kubeconfig(SUB, "rg", "locked", true)).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("listClusterAdminCredential on AKS cluster 'locked'")
                .hasMessageContaining("disable local accounts");
        assertThatThrownBy(() -> credentials().kubeconfig(SUB, "rg", "nope", false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AKS cluster 'nope' in resource group 'rg' was not found");
    }

    @Test
    void aTokenForTheWrongAudienceIsAnAuthenticationError() {
        AksCredentials wrongAudience = new AksCredentials(arm.url(),
                scope -> Secret.of(FakeJwt.issue("https://vault.azure.net", "tenant", "client", 3600)));

        assertThatThrownBy(() -> wrongAudience.kubeconfig(SUB, "rg", "shop", false))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("InvalidAuthenticationTokenAudience");
    }
}
