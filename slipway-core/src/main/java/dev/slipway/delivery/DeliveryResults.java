package dev.slipway.delivery;

import dev.slipway.delivery.DeliveryRecord.PhaseStatus;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.image.BuildResult;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one place where each engine entry point's result goes into a delivery record: {@code deliver} calls it
 * after every phase, and a caller that runs an entry point alone (a Jenkins step, a CLI command) calls the
 * same method with the same result. Each method fills the record's part that the result knows (image, target,
 * changes, commit, pull request, links) and settles the phase's outcome, which events alone do not always say
 * (a deploy emits no {@code FINISHED}; a failed rollout is only known from the result).
 *
 * <p>Never a secret: every message put into the record goes through the masker, user info is removed from
 * URLs ({@link DeliveryRecorder}), and no credential of a request is ever read here.
 */
public final class DeliveryResults {
    private final DeliveryRecorder recorder;
    private final SecretMasker masker;

    public DeliveryResults(DeliveryRecorder recorder, SecretMasker masker) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    public DeliveryRecorder recorder() {
        return recorder;
    }

    /** Source and CI build from the provenance every request carries, and a link to the build. */
    public DeliveryResults provenance(Provenance provenance) {
        if (provenance == null) {
            return this;
        }
        recorder.provenance(provenance);
        if (isWebUrl(provenance.buildUrl())) {
            recorder.link("build", provenance.buildNumber() == null ? "CI build" : "CI build #" + provenance.buildNumber(),
                    provenance.buildUrl());
        }
        return this;
    }

    /** Build: the builder, and the image by digest until a push confirms it in the registry. */
    public DeliveryResults built(BuildResult result) {
        DeliveryRecord.Build known = recorder.snapshot().build();
        recorder.build(new DeliveryRecord.Build(known == null ? null : known.url(), known == null ? null : known.number(),
                result.driver().name().toLowerCase(Locale.ROOT)));
        if (recorder.snapshot().image() == null) {
            recorder.image(image(result.image(), result.tags(), result.sizeBytes()));
        }
        recorder.settle(Phase.BUILD, PhaseStatus.SUCCEEDED, mask("built " + result.image().reference() + " ("
                + result.sizeBytes() + " bytes, " + result.driver().name().toLowerCase(Locale.ROOT)
                + (result.duration() == null ? "" : ", " + result.duration().toSeconds() + " s") + ")"));
        return this;
    }

    /** Push: the image as the registry confirmed it (registry, repository, digest, tags, size) and its link. */
    public DeliveryResults pushed(PushRequest request, PushResult result) {
        recorder.image(image(result.image(), result.tags(), result.sizeBytes()));
        registryLink(result.image(), request == null ? null : request.transport());
        recorder.settle(Phase.PUSH, PhaseStatus.SUCCEEDED, mask("pushed " + result.image().reference() + " ("
                + result.blobsUploaded() + " blobs uploaded, " + result.blobsSkipped() + " already there, "
                + result.blobsMounted() + " mounted" + (result.tags().isEmpty() ? "" : "; tags " + String.join(", ", result.tags()))
                + ")"));
        return this;
    }

    /** Copy: the image in its new repository (same digest) and its link. */
    public DeliveryResults copied(CopyRequest request, CopyResult result) {
        recorder.image(image(result.image(), result.tags(), null));
        registryLink(result.image(), request == null ? null : request.transport());
        recorder.settle(Phase.COPY, PhaseStatus.SUCCEEDED, mask("copied " + (request == null ? "" : request.source().reference()
                + " to ") + result.image().reference() + " (" + result.blobsCopied() + " blobs copied, "
                + result.blobsMounted() + " mounted, " + result.blobsSkipped() + " already there)"));
        return this;
    }

    /** Where a push-mode delivery goes, known before it runs: cluster and namespace. */
    public DeliveryResults target(DeployRequest request) {
        recorder.target(new DeliveryRecord.Target(clusterName(request.cluster()), blankToNull(request.namespace()), null, null, null));
        return this;
    }

    /** Where a GitOps delivery goes, known before it runs: repository, branch and folder. */
    public DeliveryResults target(GitOpsUpdateRequest request) {
        recorder.target(new DeliveryRecord.Target(null, null, request.repositoryUrl(), request.branch(), blankToNull(request.path())));
        return this;
    }

    /**
     * Where a wait alone (not after an update of this record) looks, known before it runs: the GitOps repository when
     * the request names one, and the commit it waits for. What the record already has is kept.
     */
    public DeliveryResults target(WaitRequest request) {
        if (recorder.snapshot().target() == null && request.repository() != null) {
            recorder.target(new DeliveryRecord.Target(null, null, request.repository().url(), request.repository().branch(), null));
        }
        if (recorder.snapshot().commit() == null && request.commit() != null && !request.commit().isBlank()) {
            String url = request.repository() == null ? null : commitUrl(request.repository().url(), request.commit());
            recorder.commit(new DeliveryRecord.Commit(request.commit(), url));
        }
        return this;
    }

    /**
     * The image a deploy or an update writes when it runs alone (no build or push of this record named one): the
     * first of {@code images}, as the request names it.
     */
    public DeliveryResults image(List<ImageRef> images) {
        if (recorder.snapshot().image() == null && images != null && !images.isEmpty()) {
            ImageRef first = images.get(0);
            recorder.image(image(first, first.tag().map(List::of).orElse(List.of()), null));
        }
        return this;
    }

    /**
     * Deploy (push mode): the target, every object applied (or planned) as a change besides the image fields
     * substituted, and the outcome of apply, rollout and rollback. Call it with the result of a
     * {@link dev.slipway.kube.RolloutFailedException} too: it says what was applied and whether a rollback ran.
     */
    public DeliveryResults deployed(DeployRequest request, DeployResult result) {
        String namespace = blankToNull(request.namespace());
        if (namespace == null) {
            namespace = result.objects().stream().filter(o -> o.namespace() != null && !o.namespace().isEmpty())
                    .map(DeployResult.AppliedObject::namespace).findFirst().orElse(null);
        }
        recorder.target(new DeliveryRecord.Target(clusterName(request.cluster()), namespace, null, null, null));
        List<Change> changes = new ArrayList<>(result.changes());
        for (DeployResult.AppliedObject object : result.objects()) {
            if (object.action() != DeployResult.Action.UNCHANGED) {
                changes.add(new Change(objectKey(object), 0, "object", null, actionWord(object.action())));
            }
        }
        recorder.addChanges(changes);
        if (request.plan()) {
            recorder.settle(Phase.PLAN, PhaseStatus.SUCCEEDED, mask(result.message()));
            return this;
        }
        recorder.settle(Phase.DEPLOY, PhaseStatus.SUCCEEDED, "applied " + result.objects().size() + " objects ("
                + count(result, DeployResult.Action.CREATED) + " created, " + count(result, DeployResult.Action.CONFIGURED)
                + " configured, " + count(result, DeployResult.Action.UNCHANGED) + " unchanged"
                + (count(result, DeployResult.Action.PRUNED) == 0 ? "" : ", " + count(result, DeployResult.Action.PRUNED) + " pruned")
                + ")" + (request.serverDryRun() ? " as a server dry run" : ""));
        if (request.serverDryRun()) {
            return this;
        }
        if (result.rolledOut()) {
            recorder.settle(Phase.WAIT, PhaseStatus.SUCCEEDED, mask("healthy: " + result.message()));
        } else {
            if (recorder.snapshot().failure() == null) {
                // the rollout's own FAILED event says which workload and why; a rollback's wait may follow it
                recorder.settle(Phase.WAIT, PhaseStatus.FAILED, mask(result.message()));
            }
            if (result.rolledBack()) {
                // the Deployer says how its rollback went only in the message it returns
                boolean rolledBack = result.message() != null && result.message().contains("; rolled back: ");
                recorder.settle(Phase.ROLLBACK, rolledBack ? PhaseStatus.SUCCEEDED : PhaseStatus.FAILED,
                        mask(rolledBack ? "rolled back to the previous specs" : "the rollback failed too"));
            }
        }
        return this;
    }

    /** GitOps update: target, changed values, the commit (with its web link where the host is known), the pull request. */
    public DeliveryResults updated(GitOpsUpdateRequest request, GitOpsUpdateResult result) {
        target(request);
        recorder.addChanges(result.changes());
        String commitUrl = commitUrl(request.repositoryUrl(), result.commit());
        if (result.commit() != null) {
            recorder.commit(new DeliveryRecord.Commit(result.commit(), commitUrl));
            if (commitUrl != null) {
                recorder.link("commit", "commit " + shortId(result.commit()), commitUrl);
            }
        }
        if (result.pullRequestNumber() != null) {
            recorder.pullRequest(new DeliveryRecord.PullRequest(result.pullRequestNumber(), result.pullRequestUrl()));
            if (isWebUrl(result.pullRequestUrl())) {
                recorder.link("pull-request", "pull request #" + result.pullRequestNumber(), result.pullRequestUrl());
            }
        }
        recorder.settle(Phase.UPDATE, PhaseStatus.SUCCEEDED, result.upToDate() ? "already up to date"
                : result.changes().size() + (result.changes().size() == 1 ? " value" : " values") + " changed");
        recorder.settle(Phase.COMMIT, PhaseStatus.SUCCEEDED, result.upToDate()
                ? "nothing to commit: " + request.branch() + " already has it at " + shortId(result.commit())
                : "committed " + shortId(result.commit()) + (result.pullRequestNumber() == null
                        ? " to " + request.branch() : " to a pull-request branch"));
        if (result.pullRequestNumber() != null) {
            recorder.settle(Phase.PULL_REQUEST, PhaseStatus.SUCCEEDED,
                    "pull request #" + result.pullRequestNumber() + " into " + request.branch());
        }
        return this;
    }

    /** Wait (GitOps): synced and healthy, or why not; the Argo CD application's link when its server is known. */
    public DeliveryResults waited(WaitRequest request, WaitResult result) {
        if (request.source() == WaitRequest.Source.ARGOCD_API && isWebUrl(request.endpoint()) && request.application() != null) {
            String base = request.endpoint().endsWith("/") ? request.endpoint().substring(0, request.endpoint().length() - 1)
                    : request.endpoint();
            recorder.link("argocd", request.application() + " in Argo CD", base + "/applications/" + request.application());
        }
        if (recorder.snapshot().target() == null && request.repository() != null) {
            recorder.target(new DeliveryRecord.Target(null, null, request.repository().url(), request.repository().branch(), null));
        }
        if (recorder.snapshot().commit() == null && result.commit() != null) {
            String url = request.repository() == null ? null : commitUrl(request.repository().url(), result.commit());
            recorder.commit(new DeliveryRecord.Commit(result.commit(), url));
        }
        String state = (result.status() == null || result.status().isBlank() ? "" : result.status() + ": ")
                + (result.message() == null ? "" : result.message());
        recorder.settle(Phase.WAIT, result.live() ? PhaseStatus.SUCCEEDED : PhaseStatus.FAILED,
                mask((result.live() ? "live: " : "not live: ") + state
                        + (result.revision() == null || result.revision().isBlank() ? "" : " (revision " + shortId(result.revision()) + ")")));
        return this;
    }

    /** A phase that ended with an exception: failed, with the exception's message as the reason (masked). */
    public DeliveryResults failed(Phase phase, Throwable error) {
        recorder.settle(phase, PhaseStatus.FAILED, mask(reason(error)));
        return this;
    }

    /**
     * An entry point run alone that ended with an exception its events did not report (input refused before anything
     * ran, a refused credential): see {@link #failedUnreported(Phase, String)}.
     */
    public DeliveryResults failedUnreported(Phase phase, Throwable error) {
        return failedUnreported(phase, reason(error));
    }

    /**
     * An entry point run alone that ended without its events saying why (an exception, or its caller stopped it):
     * failed in the phase that was still running (a GitOps update's commit phase runs around its clone), else in
     * {@code phase}, with {@code reason} (masked). A record that already has its failure keeps it.
     */
    public DeliveryResults failedUnreported(Phase phase, String reason) {
        DeliveryRecord now = recorder.snapshot();
        if (now.failure() != null) {
            return this;
        }
        Phase where = phase;
        for (DeliveryRecord.PhaseRecord entry : now.phases()) {
            if (entry.status() == PhaseStatus.RUNNING) {
                for (Phase candidate : Phase.values()) {
                    if (DeliveryRecorder.phaseName(candidate).equals(entry.name())) {
                        where = candidate;
                    }
                }
            }
        }
        recorder.settle(where, PhaseStatus.FAILED, mask(reason));
        return this;
    }

    private static String reason(Throwable error) {
        return error.getMessage() == null || error.getMessage().isBlank() ? error.getClass().getSimpleName() : error.getMessage();
    }

    /**
     * The web page of a commit, for the hosts whose URL scheme is known (GitHub, Azure DevOps, GitLab); {@code null}
     * for others (a git:// or self-hosted server).
     */
    static String commitUrl(String repositoryUrl, String commit) {
        if (repositoryUrl == null || commit == null || !isWebUrl(repositoryUrl)) {
            return null;
        }
        String web = DeliveryRecorder.withoutUserInfo(repositoryUrl);
        web = web.endsWith("/") ? web.substring(0, web.length() - 1) : web;
        web = web.endsWith(".git") ? web.substring(0, web.length() - 4) : web;
        String host = URI.create(web).getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("github.com")) {
            return web + "/commit/" + commit;
        }
        if ((host.equals("dev.azure.com") || host.endsWith(".visualstudio.com")) && web.contains("/_git/")) {
            return web + "/commit/" + commit;
        }
        if (host.equals("gitlab.com")) {
            return web + "/-/commit/" + commit;
        }
        return null;
    }

    /**
     * A link to the image: Docker Hub's page, else the registry's manifest URL by digest (every registry has one;
     * ACR's portal page would need the subscription and resource group, which no request carries).
     */
    private void registryLink(ImageRef image, RegistryTransport transport) {
        if (image.digest().isEmpty()) {
            return;
        }
        String title = image.repository() + "@" + image.digest().get().shortHex() + " in " + image.registry();
        if (image.registry().equals(ImageRef.DOCKER_HUB)) {
            String repository = image.repository();
            recorder.link("registry", title, repository.startsWith("library/")
                    ? "https://hub.docker.com/_/" + repository.substring("library/".length())
                    : "https://hub.docker.com/r/" + repository);
            return;
        }
        String scheme = transport == null ? "https" : transport.scheme(image.registry());
        recorder.link("registry", title, scheme + "://" + image.registry() + "/v2/" + image.repository() + "/manifests/"
                + image.digest().get());
    }

    private static DeliveryRecord.Image image(ImageRef image, List<String> tags, Long sizeBytes) {
        return new DeliveryRecord.Image(image.registry(), image.repository(), image.digest().map(Object::toString).orElse(null),
                tags, sizeBytes);
    }

    /**
     * The cluster's name without anything from a kubeconfig's content: the AKS name, the name given with a fetched
     * kubeconfig, or the kubeconfig context asked for.
     */
    private static String clusterName(ClusterAccess access) {
        if (access instanceof ClusterAccess.Aks aks) {
            return aks.resourceGroup() + "/" + aks.clusterName();
        }
        if (access instanceof ClusterAccess.Kubeconfig kubeconfig) {
            return kubeconfig.label();
        }
        return null;
    }

    private static String objectKey(DeployResult.AppliedObject object) {
        return object.kind() + (object.namespace() == null || object.namespace().isEmpty() ? "" : "/" + object.namespace())
                + "/" + object.name();
    }

    private static String actionWord(DeployResult.Action action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static long count(DeployResult result, DeployResult.Action action) {
        return result.objects().stream().filter(o -> o.action() == action).count();
    }

    private static String shortId(String commit) {
        return commit == null ? "?" : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static boolean isWebUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    private String mask(String text) {
        return text == null ? null : masker.mask(text);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
