package io.jenkins.plugins.slipway.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What an {@code aksDeploy} step was given, normalised. Credential ids only (in {@link ClusterSettings}).
 *
 * @param manifests      files, folders, globs or kustomize folders in the workspace (required)
 * @param images         pushed images ({@code repo@sha256:…}) substituted for every matching container image
 * @param namespace      namespace for objects that name none, or {@code null} for the kubeconfig's
 * @param cluster        how to reach the cluster
 * @param plan           only show what would change
 * @param serverDryRun   send the applies with {@code dryRun=All}
 * @param force          take over fields other field managers own
 * @param prune          delete objects of an earlier apply of the same {@code applySet} that are gone now
 * @param applySet       the ApplySet name prune works within
 * @param rollback       on a failed rollout, re-apply the previous specs
 * @param allowDowngrade replace workloads that run a newer build of the same source
 * @param timeout        rollout deadline as written ({@code 90s}, {@code 5m}, {@code 1h}), or {@code null} for 5 minutes
 */
public record AksDeploySettings(List<String> manifests, List<String> images, String namespace, ClusterSettings cluster,
        boolean plan, boolean serverDryRun, boolean force, boolean prune, String applySet, boolean rollback,
        boolean allowDowngrade, String timeout) implements Serializable {

    public AksDeploySettings {
        manifests = StepValues.list(manifests);
        images = StepValues.list(images);
        namespace = StepValues.text(namespace);
        cluster = Objects.requireNonNull(cluster, "cluster");
        applySet = StepValues.text(applySet);
        timeout = StepValues.text(timeout);
    }

    /** Apply, wait and roll back on failure: the defaults of the step. */
    public static AksDeploySettings of(List<String> manifests, ClusterSettings cluster) {
        return new AksDeploySettings(manifests, null, null, cluster, false, false, false, false, null, true, false, null);
    }

    public AksDeploySettings withImages(List<String> value) {
        return new AksDeploySettings(manifests, value, namespace, cluster, plan, serverDryRun, force, prune, applySet,
                rollback, allowDowngrade, timeout);
    }

    public AksDeploySettings withNamespace(String value) {
        return new AksDeploySettings(manifests, images, value, cluster, plan, serverDryRun, force, prune, applySet,
                rollback, allowDowngrade, timeout);
    }

    public AksDeploySettings withPrune(String applySetName) {
        return new AksDeploySettings(manifests, images, namespace, cluster, plan, serverDryRun, force, true,
                applySetName, rollback, allowDowngrade, timeout);
    }

    public AksDeploySettings withPlan(boolean value) {
        return new AksDeploySettings(manifests, images, namespace, cluster, value, serverDryRun, force, prune, applySet,
                rollback, allowDowngrade, timeout);
    }

    public AksDeploySettings withRollback(boolean value) {
        return new AksDeploySettings(manifests, images, namespace, cluster, plan, serverDryRun, force, prune, applySet,
                value, allowDowngrade, timeout);
    }

    public AksDeploySettings withTimeout(String value) {
        return new AksDeploySettings(manifests, images, namespace, cluster, plan, serverDryRun, force, prune, applySet,
                rollback, allowDowngrade, value);
    }
}
