package dev.slipway.sync;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;
import java.time.Duration;
import java.util.List;

/**
 * Wait until a GitOps commit is live (issue #9).
 *
 * @param source        what to watch
 * @param application   Argo CD Application ({@code name}; through the cluster {@code [namespace/]name}, namespace
 *                      {@code argocd} by default), or Flux object {@code [Kustomization|HelmRelease/][namespace/]name}
 *                      (Kustomization in {@code flux-system} by default)
 * @param commit        the commit that must be applied (or a descendant of it)
 * @param endpoint      Argo CD server URL, when watched through its API
 * @param token         read-only Argo CD API token, when watched through its API
 * @param cluster       cluster access, when watched through the cluster (and for the running-digest check)
 * @param refresh       ask Argo CD / Flux to reconcile now
 * @param deadline      how long to wait, for everything (merge, sync, pods)
 * @param pollInterval  how often to ask
 * @param repository    the GitOps repository: deciding "descendant of our commit", Flux commit statuses and pull
 *                      requests; may be null for Argo CD and Flux through the cluster (then only the exact commit counts)
 * @param pullRequest   the pull request that carries the commit, or null: its merge is waited for first, then the
 *                      merge commit (squash and rebase merges make a commit that is not ours)
 * @param runningDigest the workloads whose pods must run our digest afterwards, or null
 */
public record WaitRequest(Source source, String application, String commit, String endpoint, Secret token,
        ClusterAccess cluster, boolean refresh, Duration deadline, Duration pollInterval, GitRepository repository,
        Integer pullRequest, RunningDigest runningDigest) implements EngineMessage {

    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    public WaitRequest {
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    }

    /** Where the state is read. Argo CD through its API and Flux through the Git host need no cluster credentials. */
    public enum Source { ARGOCD_API, ARGOCD_CLUSTER, FLUX_GIT_STATUS, FLUX_CLUSTER }

    /**
     * The GitOps repository and its host.
     *
     * @param url      clone URL (HTTPS or {@code git://}; read to decide whether a revision descends from our commit)
     * @param branch   the branch the controller follows
     * @param auth     clone credentials, or null
     * @param hostKind {@code github} or {@code azure-devops} when the URL does not tell (Enterprise, Server)
     * @param apiUrl   the host's REST API base, when not the public service
     * @param apiToken token for the host's REST API (commit statuses, pull requests; read access suffices)
     */
    public record GitRepository(String url, String branch, GitAuth auth, String hostKind, String apiUrl, Secret apiToken)
            implements EngineMessage { }

    /**
     * @param namespace where the workloads are
     * @param workloads {@code Kind/name}, e.g. {@code Deployment/web} (Deployment, StatefulSet, DaemonSet)
     * @param image     our image, with its digest
     */
    public record RunningDigest(String namespace, List<String> workloads, ImageRef image) implements EngineMessage {
        public RunningDigest {
            workloads = workloads == null ? List.of() : List.copyOf(workloads);
        }
    }
}
