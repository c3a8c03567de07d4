package io.jenkins.plugins.slipway.freestyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureIdentity;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.model.FoundCredential;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Credentials come from maps standing in for Jenkins' credential store (not available here). */
class DeliveryCredentialResolverTest {

    private static final Map<String, FoundCredential> STORE = Map.of(
            "acr", new FoundCredential.UsernamePassword("token-user", Secret.of("acr-password")),
            "azure", new FoundCredential.AzureServicePrincipal("Azure", null, "tenant-1", "client-1", Secret.of("client-secret")),
            "git", new FoundCredential.UsernamePassword("ci", Secret.of("git-token")),
            "argocd", new FoundCredential.SecretText(Secret.of("argo-token")),
            "ssh", new FoundCredential.Unsupported("BasicSSHUserPrivateKey"));
    private static final Map<String, Secret> FILES = Map.of("kubeconfig", Secret.of("apiVersion: v1\nkind: Config\n"));

    private final DeliveryCredentialResolver resolver = new DeliveryCredentialResolver(
            id -> Optional.ofNullable(STORE.get(id)), id -> Optional.ofNullable(FILES.get(id)));

    @Test
    void idsBecomeEngineCredentials() {
        DeliveryCredentials credentials = resolver.resolve(DeliverySettings.builder().registryCredentialsId("acr")
                .kubeconfigCredentialsId("kubeconfig").gitCredentialsId("git").argoCdCredentialsId("argocd").build());

        assertThat(credentials.registry()).isEqualTo(new RegistryAuth.Basic("token-user", Secret.of("acr-password")));
        assertThat(credentials.cluster()).isEqualTo(new ClusterAccess.Kubeconfig(FILES.get("kubeconfig"), null));
        assertThat(credentials.git()).isEqualTo(new GitOpsUpdateRequest.GitAuth.UsernamePassword("ci", Secret.of("git-token")));
        assertThat(credentials.argoCdToken()).isEqualTo(Secret.of("argo-token"));
    }

    @Test
    void anAzureIdentityWithSubscriptionGroupAndNameIsAnAksCluster() {
        DeliveryCredentials credentials = resolver.resolve(DeliverySettings.builder().azureCredentialsId("azure")
                .subscriptionId("sub-1").resourceGroup("rg").clusterName("aks").build());

        ClusterAccess.Aks aks = (ClusterAccess.Aks) credentials.cluster();
        assertThat(aks.identity()).isInstanceOf(AzureIdentity.ClientSecret.class);
        assertThat(aks.subscriptionId()).isEqualTo("sub-1");
        assertThat(aks.resourceGroup()).isEqualTo("rg");
        assertThat(aks.clusterName()).isEqualTo("aks");
        assertThat(aks.admin()).isFalse();
    }

    @Test
    void nothingGivenIsAnonymousWithoutClusterGitOrToken() {
        DeliveryCredentials credentials = resolver.resolve(DeliverySettings.NONE);

        assertThat(credentials.registry()).isEqualTo(new RegistryAuth.Anonymous());
        assertThat(credentials.cluster()).isNull();
        assertThat(credentials.git()).isEqualTo(new GitOpsUpdateRequest.GitAuth.None());
        assertThat(credentials.argoCdToken()).isNull();
    }

    @Test
    void unknownIdsAndWrongKindsNameTheField() {
        assertField(DeliverySettings.builder().kubeconfigCredentialsId("nope").build(), "kubeconfigCredentialsId");
        assertField(DeliverySettings.builder().gitCredentialsId("ssh").build(), "gitCredentialsId");
        assertField(DeliverySettings.builder().gitCredentialsId("nope").build(), "gitCredentialsId");
        assertField(DeliverySettings.builder().argoCdCredentialsId("git").build(), "argoCdCredentialsId");
        assertField(DeliverySettings.builder().azureCredentialsId("azure").clusterName("aks").build(), "subscriptionId");
        assertField(DeliverySettings.builder().registryCredentialsId("argocd").build(), "registryCredentialsId");
    }

    @Test
    void messagesNeverCarryTheSecrets() {
        for (DeliverySettings settings : new DeliverySettings[] {
                DeliverySettings.builder().gitCredentialsId("ssh").build(),
                DeliverySettings.builder().argoCdCredentialsId("git").build(),
                DeliverySettings.builder().registryCredentialsId("argocd").build()}) {
            assertThatThrownBy(() -> resolver.resolve(settings)).satisfies(e -> assertThat(e.getMessage()
                    + ((InvalidInputException) e).fix()).doesNotContain("git-token", "argo-token", "acr-password"));
        }
    }

    private void assertField(DeliverySettings settings, String field) {
        assertThatThrownBy(() -> resolver.resolve(settings)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }
}
