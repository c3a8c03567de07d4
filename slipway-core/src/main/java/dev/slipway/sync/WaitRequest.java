package dev.slipway.sync;

import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;
import java.time.Duration;

/**
 * Wait until a GitOps commit is live (issue #9).
 *
 * @param source      what to watch
 * @param application Argo CD Application, or Flux {@code Kustomization}/{@code HelmRelease} name ({@code ns/name})
 * @param commit      the commit that must be applied (or a descendant of it)
 * @param endpoint    Argo CD server URL or Git host API URL, when watched through an API
 * @param token       read-only API token, when watched through an API
 * @param cluster     cluster access, when watched through the cluster
 * @param refresh     ask Argo CD / Flux to reconcile now
 * @param deadline    how long to wait
 */
public record WaitRequest(Source source, String application, String commit, String endpoint, Secret token,
        ClusterAccess cluster, boolean refresh, Duration deadline) implements EngineMessage {

    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

    public WaitRequest {
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
    }

    public enum Source { ARGOCD_API, ARGOCD_CLUSTER, FLUX_GIT_STATUS, FLUX_CLUSTER, PULL_REQUEST_MERGE }
}
