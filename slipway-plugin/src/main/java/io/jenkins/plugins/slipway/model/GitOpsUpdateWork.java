package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
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
        PrintStream out = log.stream();
        Clock clock = Clock.systemUTC();
        SecretMasker masker = new SecretMasker();
        register(masker);
        DeliveryRecorder recorder = GitOpsRecords.forUpdate(deliveryId, clock, request);
        Events events = new Events(clock, masker)
                .subscribe(event -> EventLines.line(event).ifPresent(out::println))
                .subscribe(recorder);
        try {
            GitOpsUpdateResult result = new Engine(new EngineContext(workspace, events,
                    cache == null ? null : Path.of(cache))).update(request);
            GitOpsRecords.updated(recorder, result);
            return DeliveryOutcome.succeeded(recorder.finish(), GitOpsUpdatePlan.stepResult(result, deliveryId), masker);
        } catch (RuntimeException failure) {
            String why = failure instanceof SlipwayException slipway ? slipway.getMessage() : String.valueOf(failure);
            GitOpsRecords.failed(recorder, clock, Event.Phase.UPDATE, masker.mask(why));
            return DeliveryOutcome.failed(recorder.finish(), failure, masker);
        }
    }

    private void register(SecretMasker masker) {
        GitAuthSecrets.register(masker, request.auth());
        if (request.pullRequest() != null) {
            masker.register(request.pullRequest().token());
        }
    }
}
