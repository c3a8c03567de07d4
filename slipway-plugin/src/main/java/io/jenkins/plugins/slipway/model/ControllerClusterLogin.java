package io.jenkins.plugins.slipway.model;

import dev.slipway.azure.AksCredentials;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.Kubeconfigs;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;

/**
 * What the controller hands the agent for a cluster (DESIGN.md, "Where things run in Jenkins"): a kubeconfig. For an
 * AKS cluster the Azure credential stays here: it gets an ARM token, asks ARM for the cluster's credentials
 * ({@link AksCredentials}) and, for an Azure AD cluster, a token for the AKS server application in place of the
 * kubelogin exec plugin. Only that kubeconfig, with its short-lived token, goes to the agent.
 */
public final class ControllerClusterLogin {
    private ControllerClusterLogin() {
    }

    /**
     * @param tokens                  Azure AD tokens of an identity (azure-identity in Jenkins; a fake in tests)
     * @param resourceManagerEndpoint ARM base URL, or {@code null} for the identity's cloud
     * @param masker                  every token and the kubeconfig are registered here
     */
    public static ClusterAccess.Kubeconfig forAgent(ClusterSettings settings, CredentialConversion credentials,
            Kubeconfigs.AzureTokens tokens, String resourceManagerEndpoint, SecretMasker masker) {
        settings.validated();
        if (!settings.isAks()) {
            Secret kubeconfig = credentials.kubeconfig("kubeconfigCredentialsId", settings.kubeconfigCredentialsId());
            masker.register(kubeconfig);
            return new ClusterAccess.Kubeconfig(kubeconfig, settings.context());
        }
        AzureIdentity identity = credentials.azureIdentity("azureCredentialsId", settings.azureCredentialsId());
        return forAgent(new ClusterAccess.Aks(identity, settings.subscriptionId(), settings.resourceGroup(),
                settings.clusterName(), settings.admin()), tokens, resourceManagerEndpoint, masker);
    }

    /**
     * An AKS cluster's kubeconfig, fetched here on the controller through ARM with the Azure identity (which never
     * leaves the controller); only the kubeconfig with its short-lived token goes to the agent.
     */
    public static ClusterAccess.Kubeconfig forAgent(ClusterAccess.Aks aks, Kubeconfigs.AzureTokens tokens,
            String resourceManagerEndpoint, SecretMasker masker) {
        AzureIdentity identity = aks.identity();
        String endpoint = resourceManagerEndpoint != null ? resourceManagerEndpoint
                : identity.cloud().resourceManagerEndpoint();
        Secret kubeconfig = new AksCredentials(endpoint, scope -> {
            Secret token = tokens.token(identity, scope);
            masker.register(token);
            return token;
        }).kubeconfig(aks.subscriptionId(), aks.resourceGroup(), aks.clusterName(), aks.admin());
        masker.register(kubeconfig);
        return new ClusterAccess.Kubeconfig(kubeconfig, null, aks.clusterName());
    }
}
