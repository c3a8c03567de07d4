package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecorder;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import dev.slipway.sync.SyncException;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * {@code waitForSync}'s work on the agent: wait with the engine until the commit is live. Stopping the step
 * interrupts the thread that runs it (Pipeline interrupts the step's thread; remoting passes the interrupt to the
 * agent's thread of the callable), and the engine ends its wait on an interrupt with a failure, which is recorded.
 * Returns the wait's own record ({@link GitOpsRecords#continued} joins it to the update's on the controller).
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
        PrintStream out = log.stream();
        Clock clock = Clock.systemUTC();
        SecretMasker masker = new SecretMasker();
        register(masker);
        DeliveryRecorder recorder = GitOpsRecords.forWait(deliveryId, clock, request);
        Events events = new Events(clock, masker)
                .subscribe(event -> EventLines.line(event).ifPresent(out::println))
                .subscribe(recorder);
        try {
            WaitResult result = new Engine(new EngineContext(workspace, events)).await(request);
            GitOpsRecords.waited(recorder, clock, result);
            if (!result.live()) {
                return DeliveryOutcome.failed(recorder.finish(), new SyncException(masker.mask("not live: "
                        + result.message()), "see the Argo CD or Flux status above; fix the cause and run the delivery again"),
                        masker);
            }
            return DeliveryOutcome.succeeded(recorder.finish(), WaitForSyncPlan.stepResult(result), masker);
        } catch (RuntimeException failure) {
            String why = failure instanceof SlipwayException slipway ? slipway.getMessage() : String.valueOf(failure);
            GitOpsRecords.failed(recorder, clock, Event.Phase.WAIT, masker.mask(why));
            return DeliveryOutcome.failed(recorder.finish(), failure, masker);
        }
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
