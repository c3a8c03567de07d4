package dev.slipway.kube;

import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Provenance;
import java.time.Duration;
import java.util.List;

/**
 * Push mode: apply manifests to a cluster with the pushed images, wait for the rollout (issue #6).
 *
 * @param manifests      files, folders, globs or kustomize folders, inside the workspace
 * @param images         pushed images (with digests) substituted for every matching container image
 * @param cluster        how to reach the cluster
 * @param namespace      namespace for objects that name none; {@code null} for the kubeconfig's default
 * @param plan           only show what would change (per-object diff); apply nothing
 * @param serverDryRun   send the apply with {@code dryRun=All}
 * @param force          take ownership of conflicting fields ({@code force=true})
 * @param prune          delete objects of an earlier apply of the same set that are gone now
 * @param rollback       on a failed rollout, re-apply the previous specs
 * @param allowDowngrade replace a workload that runs a newer build of the same source
 * @param timeout        rollout deadline
 * @param provenance     written as workload annotations
 * @param applySet       name of the ApplySet (its parent Secret) that prune works within; required with {@code prune}
 * @param pullSecret     an image pull secret to create in the workloads' namespaces and name in their pod specs, or {@code null}
 */
public record DeployRequest(List<String> manifests, List<ImageRef> images, ClusterAccess cluster, String namespace,
        boolean plan, boolean serverDryRun, boolean force, boolean prune, boolean rollback, boolean allowDowngrade,
        Duration timeout, Provenance provenance, String applySet, ImagePullSecret pullSecret) implements EngineMessage {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public DeployRequest {
        manifests = List.copyOf(manifests);
        images = List.copyOf(images);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Without an ApplySet name (no prune). */
    public DeployRequest(List<String> manifests, List<ImageRef> images, ClusterAccess cluster, String namespace,
            boolean plan, boolean serverDryRun, boolean force, boolean prune, boolean rollback, boolean allowDowngrade,
            Duration timeout, Provenance provenance) {
        this(manifests, images, cluster, namespace, plan, serverDryRun, force, prune, rollback, allowDowngrade, timeout,
                provenance, null, null);
    }

    /** Without an image pull secret. */
    public DeployRequest(List<String> manifests, List<ImageRef> images, ClusterAccess cluster, String namespace,
            boolean plan, boolean serverDryRun, boolean force, boolean prune, boolean rollback, boolean allowDowngrade,
            Duration timeout, Provenance provenance, String applySet) {
        this(manifests, images, cluster, namespace, plan, serverDryRun, force, prune, rollback, allowDowngrade, timeout,
                provenance, applySet, null);
    }
}
