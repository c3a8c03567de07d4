package io.jenkins.plugins.slipway.model;

import dev.slipway.support.InvalidInputException;
import java.io.Serializable;

/**
 * How {@code aksDeploy} and {@code withAks} reach a cluster, normalised; credential ids only. Either a kubeconfig
 * (a secret file credential, optionally a context in it) or an AKS cluster found through Azure Resource Manager with
 * an Azure credential, whose short-lived cluster credentials are fetched on the controller.
 *
 * @param kubeconfigCredentialsId secret file credential holding a kubeconfig
 * @param context                 context of that kubeconfig, or {@code null} for its current context
 * @param azureCredentialsId      Azure service principal or managed identity allowed to get the cluster's credentials
 * @param subscriptionId          the AKS cluster's subscription
 * @param resourceGroup           its resource group
 * @param clusterName             its name
 * @param admin                   ask for the cluster admin credentials instead of the user credentials
 */
public record ClusterSettings(String kubeconfigCredentialsId, String context, String azureCredentialsId,
        String subscriptionId, String resourceGroup, String clusterName, boolean admin) implements Serializable {

    public ClusterSettings {
        kubeconfigCredentialsId = StepValues.text(kubeconfigCredentialsId);
        context = StepValues.text(context);
        azureCredentialsId = StepValues.text(azureCredentialsId);
        subscriptionId = StepValues.text(subscriptionId);
        resourceGroup = StepValues.text(resourceGroup);
        clusterName = StepValues.text(clusterName);
    }

    public static ClusterSettings kubeconfig(String credentialsId, String context) {
        return new ClusterSettings(credentialsId, context, null, null, null, null, false);
    }

    public static ClusterSettings aks(String azureCredentialsId, String subscriptionId, String resourceGroup,
            String clusterName, boolean admin) {
        return new ClusterSettings(null, null, azureCredentialsId, subscriptionId, resourceGroup, clusterName, admin);
    }

    /** Whether the cluster is reached through Azure (else through a kubeconfig credential). */
    public boolean isAks() {
        return azureCredentialsId != null;
    }

    /**
     * Refuses settings that name no way, or two ways, to reach the cluster, and an AKS cluster without its
     * subscription, resource group or name.
     */
    public ClusterSettings validated() {
        if (kubeconfigCredentialsId != null && azureCredentialsId != null) {
            throw new InvalidInputException("kubeconfigCredentialsId", "both a kubeconfig and an Azure credential are given",
                    "give either kubeconfigCredentialsId or azureCredentialsId with the AKS cluster, not both");
        }
        if (kubeconfigCredentialsId == null && azureCredentialsId == null) {
            throw new InvalidInputException("kubeconfigCredentialsId", "no cluster access is given",
                    "give kubeconfigCredentialsId (a secret file credential with a kubeconfig), or azureCredentialsId"
                            + " with subscriptionId, resourceGroup and clusterName");
        }
        if (isAks()) {
            require("subscriptionId", subscriptionId);
            require("resourceGroup", resourceGroup);
            require("clusterName", clusterName);
            if (context != null) {
                throw new InvalidInputException("context", "is for a kubeconfig credential, not an AKS cluster",
                        "leave context empty when the cluster is reached through azureCredentialsId");
            }
        }
        return this;
    }

    private static void require(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is empty", "give the AKS cluster's " + field
                    + " (the cluster is reached through azureCredentialsId)");
        }
    }
}
