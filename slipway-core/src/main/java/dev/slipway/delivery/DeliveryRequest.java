package dev.slipway.delivery;

import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.image.BuildRequest;
import dev.slipway.kube.DeployRequest;
import dev.slipway.registry.PushRequest;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Provenance;
import dev.slipway.sync.WaitRequest;

/**
 * A whole delivery: build, push, then deploy (push mode) or update (GitOps mode), then wait. The images of
 * the deploy or update are replaced by the pushed digest; switching mode is one field.
 *
 * @param environment the environment's name, for the record and the pages
 * @param build       the build, or {@code null} to push an existing layout
 * @param push        the push
 * @param deploy      push mode, or {@code null}
 * @param update      GitOps mode, or {@code null}
 * @param await       the wait after a GitOps update, or {@code null} not to wait
 * @param provenance  where the delivery comes from
 */
public record DeliveryRequest(String environment, BuildRequest build, PushRequest push, DeployRequest deploy,
        GitOpsUpdateRequest update, WaitRequest await, Provenance provenance) implements EngineMessage {

    public DeliveryRecord.Mode mode() {
        return deploy != null ? DeliveryRecord.Mode.PUSH : DeliveryRecord.Mode.GITOPS;
    }
}
