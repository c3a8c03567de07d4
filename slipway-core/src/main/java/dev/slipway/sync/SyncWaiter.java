package dev.slipway.sync;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.gitops.PullRequestHost;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.DeadlineExceededException;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import dev.slipway.support.NetworkSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * The GitOps wait: first the pull request's merge (when there is one; then its merge commit is followed),
 * then Argo CD or Flux until they show the commit (or a descendant) applied and healthy, then, when asked,
 * the workloads' pods running our digest. One deadline for all of it; progress events whenever the state
 * changes; a failure (Degraded, sync error, Flux failure, closed pull request) ends the wait with its reason.
 */
public final class SyncWaiter {
    /** One way of looking at the controller. */
    interface Watch {
        String subject();

        SyncVerdict look(String commit) throws JsonApi.Unreachable;
    }

    private final Events events;
    private final HttpClient http;
    private final Function<ClusterAccess, KubernetesClient> connect;
    private final NetworkSettings network;

    /**
     * @param http    for Argo CD and the Git host (constructed by the caller, no ServiceLoader lookup)
     * @param connect makes a Kubernetes client for cluster access (closed by the wait)
     */
    public SyncWaiter(Events events, HttpClient http, Function<ClusterAccess, KubernetesClient> connect) {
        this(events, http, connect, NetworkSettings.direct());
    }

    /** {@code network}: proxy and trust for reading the GitOps repository's history over HTTP(S). */
    public SyncWaiter(Events events, HttpClient http, Function<ClusterAccess, KubernetesClient> connect,
            NetworkSettings network) {
        this.events = Objects.requireNonNull(events, "events");
        this.http = Objects.requireNonNull(http, "http");
        this.connect = Objects.requireNonNull(connect, "connect");
        this.network = Objects.requireNonNull(network, "network");
    }

    public WaitResult await(WaitRequest request) {
        validate(request);
        events.masker().register(request.token());
        if (request.repository() != null) {
            events.masker().register(request.repository().apiToken());
            if (request.repository().auth() instanceof GitAuth.UsernamePassword basic) {
                events.masker().register(basic.password());
            }
        }
        Instant start = events.clock().instant();
        Instant end = start.plus(request.deadline());
        JsonApi api = new JsonApi(http, events.masker());
        KubernetesClient client = null;
        GitHistory history = null;
        try {
            Ancestry ancestry = Ancestry.exactOnly();
            if (request.repository() != null && !isBlank(request.repository().url())) {
                history = new GitHistory(request.repository().url(), request.repository().branch(),
                        request.repository().auth(), events.masker(), network);
                ancestry = history;
            }
            String commit = request.commit().trim();
            if (request.pullRequest() != null) {
                GitHostApi.PullRequestState merged = awaitMerge(request, hostApi(api, request), end, start);
                if (!merged.merged()) {
                    String why = "pull request " + request.pullRequest() + " was closed without being merged";
                    events.failed(Phase.WAIT, "pull request " + request.pullRequest(), why);
                    return new WaitResult(false, commit, "", "closed", why, waited(start));
                }
                if (!Ancestry.sameCommit(merged.mergeCommit(), commit)) {
                    events.info(Phase.WAIT, "pull request " + request.pullRequest(), "merged as "
                            + ArgoCdRules.abbreviate(merged.mergeCommit()) + "; following that commit");
                }
                commit = merged.mergeCommit();
            }
            if (request.cluster() != null && (request.source() == WaitRequest.Source.ARGOCD_CLUSTER
                    || request.source() == WaitRequest.Source.FLUX_CLUSTER || request.runningDigest() != null)) {
                client = connect.apply(request.cluster());
            }
            Watch watch = switch (request.source()) {
                case ARGOCD_API -> new ArgoCdApiWatch(api, request.endpoint(), request.application(), request.token(),
                        request.refresh(), ancestry);
                case ARGOCD_CLUSTER -> new ArgoCdClusterWatch(new ClusterObjects(client), request.application(),
                        request.refresh(), ancestry);
                case FLUX_GIT_STATUS -> new FluxGitStatusWatch(hostApi(api, request), FluxObject.parse(request.application()));
                case FLUX_CLUSTER -> new FluxClusterWatch(new ClusterObjects(client), FluxObject.parse(request.application()),
                        request.refresh(), ancestry, events.clock());
            };
            SyncVerdict verdict = poll(watch, commit, request, end);
            if (verdict.state() == SyncVerdict.State.FAILED) {
                events.failed(Phase.WAIT, watch.subject(), verdict.message());
                return new WaitResult(false, commit, verdict.revision(), verdict.status(), verdict.message(), waited(start));
            }
            events.finished(Phase.WAIT, watch.subject(), verdict.message());
            if (request.runningDigest() != null) {
                RunningDigestCheck.Outcome running = new RunningDigestCheck(client, events, request.pollInterval())
                        .await(request.runningDigest(), end, request.deadline());
                if (!running.done()) {
                    return new WaitResult(false, commit, verdict.revision(), verdict.status(), running.message(), waited(start));
                }
                return new WaitResult(true, commit, verdict.revision(), verdict.status(),
                        verdict.message() + "; " + running.message(), waited(start));
            }
            return new WaitResult(true, commit, verdict.revision(), verdict.status(), verdict.message(), waited(start));
        } finally {
            if (history != null) {
                history.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }

    private SyncVerdict poll(Watch watch, String commit, WaitRequest request, Instant end) {
        events.started(Phase.WAIT, watch.subject(), "waiting until " + ArgoCdRules.abbreviate(commit) + " is live (deadline "
                + request.deadline() + ")");
        String last = "";
        while (true) {
            SyncVerdict verdict;
            try {
                verdict = watch.look(commit);
            } catch (JsonApi.Unreachable e) {
                verdict = SyncVerdict.waiting("", "unreachable", e.getMessage());
            }
            if (verdict.state() != SyncVerdict.State.WAITING) {
                return verdict;
            }
            if (!verdict.message().equals(last)) {
                last = verdict.message();
                events.progress(Phase.WAIT, watch.subject(), last, 0, 1);
            }
            sleepUntilNextLook(end, request, watch.subject() + " did not show " + ArgoCdRules.abbreviate(commit)
                    + " live within " + request.deadline() + "; last seen: " + last);
        }
    }

    private GitHostApi.PullRequestState awaitMerge(WaitRequest request, GitHostApi host, Instant end, Instant start) {
        String subject = "pull request " + request.pullRequest();
        events.started(Phase.WAIT, subject, "waiting for " + subject + " of " + host.describe() + " to be merged");
        while (true) {
            try {
                GitHostApi.PullRequestState state = host.pullRequest(request.pullRequest());
                if (state.merged() && !state.mergeCommit().isEmpty()) {
                    events.finished(Phase.WAIT, subject, "merged as " + ArgoCdRules.abbreviate(state.mergeCommit()));
                    return state;
                }
                if (state.closed() && !state.merged()) {
                    return state;
                }
            } catch (JsonApi.Unreachable e) {
                events.warning(Phase.WAIT, subject, e.getMessage());
            }
            sleepUntilNextLook(end, request, subject + " was not merged within " + request.deadline());
        }
    }

    private void sleepUntilNextLook(Instant end, WaitRequest request, String deadlineMessage) {
        long remaining = Duration.between(events.clock().instant(), end).toMillis();
        if (remaining <= 0) {
            events.failed(Phase.WAIT, "", deadlineMessage);
            throw new DeadlineExceededException(deadlineMessage, request.deadline(),
                    "give it more time (a longer deadline), or look at the controller: the last state is above");
        }
        try {
            Thread.sleep(Math.max(1, Math.min(remaining, request.pollInterval().toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted while waiting", null);
        }
    }

    private GitHostApi hostApi(JsonApi api, WaitRequest request) {
        WaitRequest.GitRepository repository = request.repository();
        PullRequestHost host = PullRequestHost.of(repository.url(), repository.hostKind(), repository.apiUrl());
        return new GitHostApi(api, host, repository.apiToken());
    }

    private Duration waited(Instant start) {
        return Duration.between(start, events.clock().instant());
    }

    static void validate(WaitRequest request) {
        if (request.source() == null) {
            throw new InvalidInputException("source", "no source to watch", "choose Argo CD or Flux, through its API/Git host or the cluster");
        }
        if (isBlank(request.commit()) || !request.commit().trim().matches("[0-9a-fA-F]{7,64}")) {
            throw new InvalidInputException("commit", "'" + request.commit() + "' is not a commit id",
                    "give the GitOps commit (the hexadecimal id the update printed)");
        }
        if (isBlank(request.application())) {
            throw new InvalidInputException("application", "no application named",
                    "name the Argo CD Application or the Flux Kustomization/HelmRelease to watch");
        }
        if (request.deadline().isNegative() || request.deadline().isZero()) {
            throw new InvalidInputException("deadline", "the deadline must be positive", "give e.g. 10m");
        }
        if (request.pollInterval().isNegative() || request.pollInterval().isZero()) {
            throw new InvalidInputException("pollInterval", "the poll interval must be positive", "give e.g. 5s");
        }
        switch (request.source()) {
            case ARGOCD_API -> {
                if (isBlank(request.endpoint())) {
                    throw new InvalidInputException("endpoint", "Argo CD through its API needs the server URL",
                            "give the Argo CD URL, e.g. https://argocd.example");
                }
                try {
                    URI uri = URI.create(request.endpoint().trim());
                    if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("endpoint", "'" + request.endpoint() + "' is not an http(s) URL",
                            "give the Argo CD URL, e.g. https://argocd.example");
                }
                requireToken(request.token(), "token", "a read-only Argo CD API token (argocd account generate-token)");
            }
            case ARGOCD_CLUSTER, FLUX_CLUSTER -> {
                if (request.cluster() == null) {
                    throw new InvalidInputException("cluster", "watching through the cluster needs cluster access",
                            "give a kubeconfig, or watch Argo CD through its API / Flux through the Git host");
                }
            }
            case FLUX_GIT_STATUS -> requireRepositoryApi(request);
        }
        if (request.pullRequest() != null) {
            requireRepositoryApi(request);
        }
        if (request.runningDigest() != null) {
            if (request.cluster() == null) {
                throw new InvalidInputException("cluster", "checking the running digest needs cluster access",
                        "give a kubeconfig, or leave out the running-digest check");
            }
            if (request.runningDigest().image() == null || request.runningDigest().image().digest().isEmpty()) {
                throw new InvalidInputException("image", "the running-digest check needs our image with its digest",
                        "give the pushed image as registry/repository@sha256:...");
            }
            if (request.runningDigest().workloads().isEmpty()) {
                throw new InvalidInputException("workloads", "the running-digest check needs the workloads to look at",
                        "name them as Kind/name, e.g. Deployment/web");
            }
            request.runningDigest().workloads().forEach(RunningDigestCheck::workloadType);
        }
    }

    private static void requireRepositoryApi(WaitRequest request) {
        if (request.repository() == null || isBlank(request.repository().url())) {
            throw new InvalidInputException("repository", "reading commit statuses or pull requests needs the GitOps repository URL",
                    "give the repository URL (GitHub or Azure DevOps)");
        }
        requireToken(request.repository().apiToken(), "repository.apiToken",
                "a token with read access to the repository's statuses and pull requests");
    }

    private static void requireToken(Secret token, String field, String what) {
        if (token == null || token.reveal().isBlank()) {
            throw new InvalidInputException(field, "no token given", "give " + what + " (from an environment variable, a file or stdin)");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
