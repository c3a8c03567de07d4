package dev.slipway.kube;

import dev.slipway.azure.AzureIdentity;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;

/** How to reach a Kubernetes cluster (issue #6). */
public sealed interface ClusterAccess extends EngineMessage {

    /** A kubeconfig's content (from a Jenkins secret file or the user's file) and the context to use. */
    record Kubeconfig(Secret content, String context) implements ClusterAccess { }

    /**
     * An AKS cluster found through ARM: {@code listClusterUserCredential} (or the admin variant when asked),
     * and for Azure AD-enabled clusters a token for the AKS server application from the same identity.
     */
    record Aks(AzureIdentity identity, String subscriptionId, String resourceGroup, String clusterName, boolean admin)
            implements ClusterAccess { }
}
