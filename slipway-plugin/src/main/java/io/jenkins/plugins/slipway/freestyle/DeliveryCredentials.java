package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.Secret;
import java.util.Objects;

/**
 * The credentials of one delivery, resolved on the controller from the ids in its settings.
 *
 * @param registry    how to log in to the registry (an Azure identity already exchanged for an ACR token)
 * @param cluster     push mode, and waiting through the cluster: how to reach it; {@code null} when not given
 * @param git         GitOps mode: Git credentials
 * @param argoCdToken Argo CD API token, or {@code null}
 */
public record DeliveryCredentials(RegistryAuth registry, ClusterAccess cluster, GitOpsUpdateRequest.GitAuth git,
        Secret argoCdToken) {
    public DeliveryCredentials {
        Objects.requireNonNull(registry, "registry");
        git = git == null ? new GitOpsUpdateRequest.GitAuth.None() : git;
    }
}
