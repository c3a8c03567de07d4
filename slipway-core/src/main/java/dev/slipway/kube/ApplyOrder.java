package dev.slipway.kube;

import java.util.Comparator;
import java.util.List;

/**
 * The order objects are applied in: namespaces and CRDs first (everything else may live in or be an
 * instance of them), then what workloads refer to (accounts, roles, config, storage, services), then
 * workloads, then everything else (custom resources last, their CRDs having been applied first).
 * Within a rank the manifests' own order is kept.
 */
public final class ApplyOrder {
    private static final List<String> RANKS = List.of(
            "Namespace", "CustomResourceDefinition", "PriorityClass", "StorageClass", "ResourceQuota", "LimitRange",
            "PodSecurityPolicy", "NetworkPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap",
            "PersistentVolume", "PersistentVolumeClaim", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
            "Service", "IngressClass", "Ingress",
            "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet",
            "DaemonSet", "Job", "CronJob",
            "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private ApplyOrder() {}

    public static List<KubeObject> sort(List<KubeObject> objects) {
        return objects.stream().sorted(Comparator.comparingInt(ApplyOrder::rank)).toList();
    }

    static int rank(KubeObject object) {
        int rank = RANKS.indexOf(object.kind());
        return rank < 0 ? RANKS.size() : rank;
    }
}
