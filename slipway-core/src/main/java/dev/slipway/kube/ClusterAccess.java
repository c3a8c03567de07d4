package dev.slipway.kube;

import dev.slipway.azure.AzureIdentity;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;

/** How to reach a Kubernetes cluster (issue #6). */
public sealed interface ClusterAccess extends EngineMessage {

    /**
     * A kubeconfig's content (from a Jenkins secret file, the user's file, or fetched for an AKS cluster) and the
     * context to use (null: its current context). {@code name} is how delivery records name the cluster when whoever
     * fetched the kubeconfig knows it (an AKS cluster's name, as the aksDeploy step labels it); null: by the context.
     */
    record Kubeconfig(Secret content, String context, String name) implements ClusterAccess {
        public Kubeconfig(Secret content, String context) {
            this(content, context, null);
        }

        /** The cluster as records and logs name it: {@code name}, else the context asked for, else null. */
        public String label() {
            if (name != null && !name.isBlank()) {
                return name;
            }
            return context == null || context.isBlank() ? null : context;
        }
    }

    /**
     * An AKS cluster found through ARM: {@code listClusterUserCredential} (or the admin variant when asked),
     * and for Azure AD-enabled clusters a token for the AKS server application from the same identity.
     */
    record Aks(AzureIdentity identity, String subscriptionId, String resourceGroup, String clusterName, boolean admin)
            implements ClusterAccess { }
}
