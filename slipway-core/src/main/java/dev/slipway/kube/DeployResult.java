package dev.slipway.kube;

import dev.slipway.delivery.Change;
import dev.slipway.support.EngineMessage;
import java.util.List;

/**
 * What a deploy did.
 *
 * @param objects    every object of the set and what happened to it
 * @param changes    the image fields substituted (object → field → old → new)
 * @param rolledOut  whether every workload finished its rollout
 * @param rolledBack whether a rollback ran (then {@code rolledOut} is false)
 * @param message    the rollout's outcome in one line (the failure reason when it failed)
 */
public record DeployResult(List<AppliedObject> objects, List<Change> changes, boolean rolledOut, boolean rolledBack,
        String message) implements EngineMessage {

    public DeployResult {
        objects = List.copyOf(objects);
        changes = List.copyOf(changes);
    }

    /** One object of the applied set. */
    public record AppliedObject(String apiVersion, String kind, String namespace, String name, Action action, String diff)
            implements EngineMessage { }

    public enum Action { CREATED, CONFIGURED, UNCHANGED, PRUNED, WOULD_CREATE, WOULD_CONFIGURE }
}
