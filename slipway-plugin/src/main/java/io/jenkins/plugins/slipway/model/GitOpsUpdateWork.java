package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryResults;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.support.Event;
import dev.slipway.support.SecretMasker;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code gitopsUpdate}'s work on the agent: clone (or fetch the agent's cached clone), update the image references,
 * commit with the provenance trailers and push, or open the pull request. Takes no Jenkins types; the step's
 * {@code MasterToSlaveFileCallable} only calls {@link #run}. The Git credential and the pull-request token are
 * registered with the masker before the engine runs, so neither reaches the log or the record.
 */
public final class GitOpsUpdateWork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final GitOpsUpdateRequest request;
    private final String deliveryId;
    private final String cache;
    private final BuildLog log;

    /**
     * @param cache where the agent keeps clones between builds; {@code null} for the engine's default
     *              ({@code ~/.cache/slipway} of the agent's user)
     */
    public GitOpsUpdateWork(GitOpsUpdateRequest request, String deliveryId, String cache, BuildLog log) {
        this.request = Objects.requireNonNull(request, "request");
        this.deliveryId = Objects.requireNonNull(deliveryId, "deliveryId");
        this.cache = cache;
        this.log = Objects.requireNonNull(log, "log");
    }

    public DeliveryOutcome run(Path workspace) {
        SecretMasker masker = new SecretMasker();
        register(masker);
        return RecordedWork.run(deliveryId, DeliveryRecord.Mode.GITOPS, request.provenance(), masker, log,
                Event.Phase.UPDATE, (events, results) -> {
                    planned(results, request);
                    GitOpsUpdateResult result = new Engine(new EngineContext(workspace, events,
                            cache == null ? null : Path.of(cache))).update(request);
                    results.updated(request, result);
                    return GitOpsUpdatePlan.stepResult(result, deliveryId);
                });
    }

    /**
     * What an update's record knows before it runs (so a failed or stopped one records it too): the repository, branch
     * and folder, the image, and the phases to come.
     */
    public static DeliveryResults planned(DeliveryResults results, GitOpsUpdateRequest request) {
        results.target(request).image(request.images());
        if (request.pullRequest() == null) {
            results.recorder().plan(Event.Phase.UPDATE, Event.Phase.COMMIT);
        } else {
            results.recorder().plan(Event.Phase.UPDATE, Event.Phase.COMMIT, Event.Phase.PULL_REQUEST);
        }
        return results;
    }

    private void register(SecretMasker masker) {
        GitAuthSecrets.register(masker, request.auth());
        if (request.pullRequest() != null) {
            masker.register(request.pullRequest().token());
        }
    }
}
