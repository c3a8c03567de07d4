package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryResults;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.support.Event;
import dev.slipway.support.SecretMasker;
import dev.slipway.sync.SyncException;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code waitForSync}'s work on the agent: wait with the engine until the commit is live. Stopping the step
 * interrupts the thread that runs it (Pipeline interrupts the step's thread; remoting passes the interrupt to the
 * agent's thread of the callable), and the engine ends its wait on an interrupt with a failure, which is recorded.
 * Returns the wait's own record (the controller joins it to the update's: {@code RunDeliveries.continued}).
 */
public final class WaitForSyncWork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final WaitRequest request;
    private final String deliveryId;
    private final BuildLog log;

    public WaitForSyncWork(WaitRequest request, String deliveryId, BuildLog log) {
        this.request = Objects.requireNonNull(request, "request");
        this.deliveryId = Objects.requireNonNull(deliveryId, "deliveryId");
        this.log = Objects.requireNonNull(log, "log");
    }

    public DeliveryOutcome run(Path workspace) {
        SecretMasker masker = new SecretMasker();
        register(masker);
        return RecordedWork.run(deliveryId, DeliveryRecord.Mode.GITOPS, null, masker, log, Event.Phase.WAIT,
                (events, results) -> {
                    planned(results, request);
                    WaitResult result = new Engine(new EngineContext(workspace, events)).await(request);
                    results.waited(request, result);
                    if (!result.live()) {
                        throw new SyncException(masker.mask("not live: " + result.message()),
                                "see the Argo CD or Flux status above; fix the cause and run the delivery again");
                    }
                    return WaitForSyncPlan.stepResult(result);
                });
    }

    /**
     * The record of a wait that has started (on the controller, before the agent works): the one the run shows while
     * it waits, and the one that says "stopped" when the wait never returns.
     */
    public static DeliveryResults waiting(String deliveryId, WaitRequest request) {
        DeliveryResults results = planned(RecordedWork.results(deliveryId, DeliveryRecord.Mode.GITOPS, null,
                new SecretMasker()), request);
        results.recorder().settle(Event.Phase.WAIT, DeliveryRecord.PhaseStatus.RUNNING,
                "waiting until " + request.commit() + " is live");
        return results;
    }

    /**
     * What a wait's record knows before it runs (so a failed or stopped one records it too): the GitOps repository when
     * the request names one, the commit, and the wait to come. The wait's own record has no source or build: it
     * continues the record of the update that made its commit, which has them.
     */
    public static DeliveryResults planned(DeliveryResults results, WaitRequest request) {
        results.target(request).recorder().plan(Event.Phase.WAIT);
        return results;
    }

    private void register(SecretMasker masker) {
        masker.register(request.token());
        WaitRequest.GitRepository repository = request.repository();
        if (repository != null) {
            masker.register(repository.apiToken());
            GitAuthSecrets.register(masker, repository.auth());
        }
    }
}
