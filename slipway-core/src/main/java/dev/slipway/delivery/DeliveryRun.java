package dev.slipway.delivery;

import dev.slipway.delivery.DeliveryRecord.PhaseStatus;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.BuildResult;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.kube.RolloutFailedException;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import dev.slipway.support.Event;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of {@link Engine#deliver}: build (optional) → push → deploy (push mode) or update (GitOps mode) with the
 * pushed digest in place of the image → wait (GitOps, optional). Each phase starts only when the one before it
 * succeeded, so no manifest or GitOps commit ever names a digest that is not in the registry.
 *
 * <p>The entry points run with events of their own that feed the record first and are then passed on to the
 * caller's subscribers: when a subscriber sees {@code DELIVER} end, the record is already closed.
 */
final class DeliveryRun {
    private final EngineContext outer;
    private final DeliveryRequest request;

    DeliveryRun(EngineContext outer, DeliveryRequest request) {
        this.outer = outer;
        this.request = request;
    }

    /** Refuses a request that cannot run, before anything happens. */
    static void validate(DeliveryRequest request) {
        if (request == null) {
            throw new InvalidInputException("delivery", "no delivery request was given", "give a build/push and a deploy or update");
        }
        if (request.push() == null) {
            throw new InvalidInputException("push", "a delivery needs a push (the registry and repository the image goes to)",
                    "give the push: target repository, credentials and, without a build, the OCI layout to push");
        }
        if (request.push().target() == null) {
            throw new InvalidInputException("push.target", "no repository to push to", "give e.g. myacr.azurecr.io/shop/web");
        }
        if ((request.deploy() == null) == (request.update() == null)) {
            throw new InvalidInputException("mode", request.deploy() == null
                    ? "neither a deploy (push mode) nor a GitOps update was given"
                    : "both a deploy (push mode) and a GitOps update were given",
                    "give exactly one: deploy to apply to a cluster, update to commit to a GitOps repository");
        }
        if (request.deploy() != null && request.await() != null) {
            throw new InvalidInputException("wait", "push mode waits for the rollout as part of the deploy",
                    "remove the wait; the deploy's timeout bounds the rollout");
        }
        if (request.build() != null && !request.build().image().sameImageAs(request.push().target())) {
            throw new InvalidInputException("build.image", "the build names " + request.build().image().name()
                    + " but the push goes to " + request.push().target().name(),
                    "build and push the same repository (copy the image afterwards to put it elsewhere)");
        }
        if (request.build() == null && (request.push().layout() == null || request.push().layout().isBlank())) {
            throw new InvalidInputException("push.layout", "without a build, the delivery pushes an existing OCI layout, and none was given",
                    "give the layout folder or archive, or a build");
        }
    }

    DeliveryRecord run() {
        validate(request);
        Events parent = outer.events();
        Provenance provenance = request.provenance() != null ? request.provenance() : Provenance.unknown(null);
        String id = provenance.deliveryId() != null && !provenance.deliveryId().isBlank() ? provenance.deliveryId()
                : UUID.randomUUID().toString();
        if (provenance.deliveryId() == null) {
            provenance = new Provenance(provenance.sourceRepository(), provenance.sourceCommit(), provenance.sourceBranch(),
                    provenance.buildUrl(), provenance.buildNumber(), id);
        }
        DeliveryRecorder recorder = new DeliveryRecorder(id, request.mode(), parent.clock()).environment(request.environment());
        DeliveryResults results = new DeliveryResults(recorder, parent.masker()).provenance(provenance);
        Events events = new Events(parent.clock(), parent.masker()).subscribe(recorder).subscribe(event -> forward(parent, event));
        Engine engine = new Engine(new EngineContext(outer.workspace(), events, outer.cache()));
        recorder.plan(plannedPhases());
        if (request.deploy() != null) {
            results.target(request.deploy());
        } else {
            results.target(request.update());
        }
        String environment = request.environment() == null ? "" : request.environment();
        events.started(Phase.DELIVER, environment, "delivering " + request.push().target().name()
                + (request.environment() == null ? "" : " to " + request.environment()) + " (" + request.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode)");
        Phase current = Phase.PUSH;
        try {
            String layout = request.push().layout();
            List<String> tags = request.push().tags();
            if (request.build() != null) {
                current = Phase.BUILD;
                BuildResult built = engine.build(withProvenance(request.build(), provenance));
                results.built(built);
                layout = built.layout();
                LinkedHashSet<String> all = new LinkedHashSet<>(built.tags());
                all.addAll(request.push().tags());
                tags = List.copyOf(all);
            }
            current = Phase.PUSH;
            PushRequest pushRequest = new PushRequest(layout, request.push().target(), tags, request.push().auth(),
                    request.push().transport());
            PushResult pushed = engine.push(pushRequest);
            results.pushed(pushRequest, pushed);
            ImageRef image = deliverable(pushed);

            if (request.deploy() != null) {
                DeployRequest deploy = deployWith(request.deploy(), image, provenance);
                current = deploy.plan() ? Phase.PLAN : Phase.DEPLOY;
                try {
                    DeployResult deployed = engine.deploy(deploy);
                    results.deployed(deploy, deployed);
                } catch (RolloutFailedException rolloutFailed) {
                    if (rolloutFailed.result() != null) {
                        results.deployed(deploy, rolloutFailed.result());
                    }
                    current = Phase.WAIT;
                    throw rolloutFailed;
                }
            } else {
                GitOpsUpdateRequest update = updateWith(request.update(), image, provenance);
                current = Phase.UPDATE;
                GitOpsUpdateResult updated;
                try {
                    updated = engine.update(update);
                } catch (RuntimeException e) {
                    current = gitOpsPhaseThatFailed(recorder, update);
                    throw e;
                }
                results.updated(update, updated);
                if (request.await() != null) {
                    current = Phase.WAIT;
                    WaitRequest wait = waitWith(request.await(), update, updated, image);
                    WaitResult waited = engine.await(wait);
                    results.waited(wait, waited);
                    if (!waited.live()) {
                        throw new dev.slipway.sync.SyncException("not live: " + waited.message(),
                                "look at the application in Argo CD or Flux; the GitOps commit is in place");
                    }
                }
            }
            events.finished(Phase.DELIVER, environment, "delivered " + image.reference()
                    + (request.environment() == null ? "" : " to " + request.environment()));
            return recorder.snapshot();
        } catch (RuntimeException e) {
            if (recorder.snapshot().failure() == null) {
                results.failed(current, e);
            }
            events.failed(Phase.DELIVER, environment, e.getMessage());
            throw new DeliveryFailedException(recorder.snapshot(), e, parent.masker());
        }
    }

    private Phase[] plannedPhases() {
        List<Phase> phases = new ArrayList<>();
        if (request.build() != null) {
            phases.add(Phase.BUILD);
        }
        phases.add(Phase.PUSH);
        if (request.deploy() != null) {
            if (request.deploy().plan()) {
                phases.add(Phase.PLAN);
            } else {
                phases.add(Phase.DEPLOY);
                if (!request.deploy().serverDryRun()) {
                    phases.add(Phase.WAIT);
                }
            }
        } else {
            phases.add(Phase.UPDATE);
            phases.add(Phase.COMMIT);
            if (request.update().pullRequest() != null) {
                phases.add(Phase.PULL_REQUEST);
            }
            if (request.await() != null) {
                phases.add(Phase.WAIT);
            }
        }
        return phases.toArray(Phase[]::new);
    }

    /** Which GitOps phase an exception of the update came from: the commit once its clone started, else the update. */
    private static Phase gitOpsPhaseThatFailed(DeliveryRecorder recorder, GitOpsUpdateRequest update) {
        if (update.pullRequest() != null && recorder.statusOf(Phase.COMMIT) == PhaseStatus.SUCCEEDED) {
            return Phase.PULL_REQUEST;
        }
        // the commit phase runs around the update: clone, then edit, then commit and push
        return recorder.statusOf(Phase.COMMIT) == PhaseStatus.RUNNING && recorder.statusOf(Phase.UPDATE) != PhaseStatus.FAILED
                ? Phase.COMMIT : Phase.UPDATE;
    }

    /** The pushed image as manifests name it: {@code registry/repository:tag@digest} (the first tag other than latest). */
    static ImageRef deliverable(PushResult pushed) {
        if (pushed.image().digest().isEmpty()) {
            throw new IllegalStateException("the push returned no digest for " + pushed.image());
        }
        String tag = pushed.tags().stream().filter(t -> !t.equals("latest")).findFirst()
                .orElse(pushed.tags().isEmpty() ? null : pushed.tags().get(0));
        ImageRef plain = pushed.image().withoutTag();
        return tag == null ? plain : plain.withTag(tag);
    }

    /**
     * The images a deploy or update writes: ours replaced by the pushed one (whatever tag or digest the request
     * named for it, so an older digest is never written), others kept, ours added when the request named none.
     */
    /**
     * Flux {@code $imagepolicy} markers whose policy names our image (same registry and repository) get the pushed image,
     * as Flux would write it: {@code name:tag@digest}, or {@code name:tag} when the pin asks for tags only. Other
     * policies keep the image they were given.
     */
    static Map<String, String> fluxPoliciesWith(Map<String, String> policies, ImageRef pushed, GitOpsUpdateRequest.Pin pin) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        ImageRef written = pin == GitOpsUpdateRequest.Pin.TAG && pushed.tag().isPresent() ? pushed.withoutDigest() : pushed;
        policies.forEach((policy, image) -> result.put(policy,
                ImageRef.parse("fluxPolicies." + policy, image).sameImageAs(pushed) ? written.reference() : image));
        return result;
    }

    static List<ImageRef> substituted(List<ImageRef> images, ImageRef pushed) {
        List<ImageRef> result = new ArrayList<>();
        boolean ours = false;
        for (ImageRef image : images) {
            if (image.sameImageAs(pushed)) {
                if (!ours) {
                    result.add(pushed);
                }
                ours = true;
            } else {
                result.add(image);
            }
        }
        if (!ours) {
            result.add(0, pushed);
        }
        return result;
    }

    private static BuildRequest withProvenance(BuildRequest build, Provenance provenance) {
        if (build.provenance() != null) {
            return build;
        }
        return new BuildRequest(build.driver(), build.context(), build.dockerfile(), build.image(), build.tags(), build.buildArgs(),
                build.labels(), build.defaultLabels(), build.target(), build.platform(), build.pull(), build.noCache(),
                build.secrets(), build.insecureRegistries(), build.pullAuthFile(), build.outputLayout(), provenance);
    }

    private static DeployRequest deployWith(DeployRequest deploy, ImageRef image, Provenance provenance) {
        return new DeployRequest(deploy.manifests(), substituted(deploy.images(), image), deploy.cluster(), deploy.namespace(),
                deploy.plan(), deploy.serverDryRun(), deploy.force(), deploy.prune(), deploy.rollback(), deploy.allowDowngrade(),
                deploy.timeout(), deploy.provenance() != null ? deploy.provenance() : provenance, deploy.applySet(),
                deploy.pullSecret());
    }

    private static GitOpsUpdateRequest updateWith(GitOpsUpdateRequest update, ImageRef image, Provenance provenance) {
        return new GitOpsUpdateRequest(update.repositoryUrl(), update.branch(), update.path(), substituted(update.images(), image),
                update.pin(), update.helmKeys(), fluxPoliciesWith(update.fluxPolicies(), image, update.pin()), update.auth(),
                update.commitMessage(), update.author(),
                update.pullRequest(), update.allowDowngrade(), update.provenance() != null ? update.provenance() : provenance);
    }

    /**
     * The wait for our commit (or our pull request's merge), with our image for the running-digest check, and the
     * GitOps repository (to tell descendants of our commit, and to follow a pull request) when the wait names none.
     */
    private static WaitRequest waitWith(WaitRequest wait, GitOpsUpdateRequest update, GitOpsUpdateResult updated, ImageRef image) {
        WaitRequest.RunningDigest running = wait.runningDigest() == null ? null
                : new WaitRequest.RunningDigest(wait.runningDigest().namespace(), wait.runningDigest().workloads(), image);
        WaitRequest.GitRepository repository = wait.repository();
        if (repository == null) {
            GitOpsUpdateRequest.PullRequestOptions pr = update.pullRequest();
            dev.slipway.support.Secret apiToken = pr != null && pr.token() != null ? pr.token()
                    : update.auth() instanceof GitOpsUpdateRequest.GitAuth.UsernamePassword basic ? basic.password() : null;
            repository = new WaitRequest.GitRepository(update.repositoryUrl(), update.branch(), update.auth(),
                    pr == null ? null : pr.host(), pr == null ? null : pr.apiUrl(), apiToken);
        }
        return new WaitRequest(wait.source(), wait.application(), updated.commit(), wait.endpoint(), wait.token(), wait.cluster(),
                wait.refresh(), wait.deadline(), wait.pollInterval(), repository,
                updated.pullRequestNumber() != null ? updated.pullRequestNumber() : wait.pullRequest(), running);
    }

    /** Passes an event of the delivery on to the caller's subscribers (masked again by them: harmless). */
    private static void forward(Events parent, Event event) {
        switch (event.kind()) {
            case STARTED -> parent.started(event.phase(), event.subject(), event.message());
            case PROGRESS -> parent.progress(event.phase(), event.subject(), event.message(), event.done(), event.total());
            case INFO -> parent.info(event.phase(), event.subject(), event.message());
            case WARNING -> parent.warning(event.phase(), event.subject(), event.message());
            case FINISHED -> parent.finished(event.phase(), event.subject(), event.message());
            case FAILED -> parent.failed(event.phase(), event.subject(), event.message());
        }
    }
}
