package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.kube.RolloutFailedException;
import dev.slipway.support.Event;
import dev.slipway.support.SecretMasker;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code aksDeploy}'s work on the agent: read the workspace's manifests, substitute the images, apply them server-side,
 * wait for the rollout and roll back when it fails, recorded. The cluster is reached with a kubeconfig only (AKS
 * credentials are fetched on the controller); its content and tokens are masked in the log.
 */
public final class AksDeployWork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DeployRequest deploy;
    private final BuildLog log;

    public AksDeployWork(DeployRequest deploy, BuildLog log) {
        this.deploy = Objects.requireNonNull(deploy, "deploy");
        this.log = Objects.requireNonNull(log, "log");
        Objects.requireNonNull(deploy.provenance(), "provenance");
        if (!(deploy.cluster() instanceof ClusterAccess.Kubeconfig)) {
            // DESIGN.md: Azure credentials stay on the controller; only the cluster's short-lived kubeconfig travels
            throw new IllegalArgumentException("fetch the AKS cluster's kubeconfig on the controller");
        }
    }

    public DeliveryOutcome run(Path workspace) {
        SecretMasker masker = new SecretMasker();
        masker.register(((ClusterAccess.Kubeconfig) deploy.cluster()).content());
        return RecordedWork.run(deploy.provenance().deliveryId(), DeliveryRecord.Mode.PUSH, deploy.provenance(), masker,
                log, Event.Phase.DEPLOY, (events, results) -> {
                    // a failed deploy records them too: where it went and what
                    results.target(deploy).image(deploy.images());
                    String cluster = ((ClusterAccess.Kubeconfig) deploy.cluster()).label();
                    // the deployer reports its steps but not the deploy as a whole; the record's timeline wants that phase
                    events.started(Event.Phase.DEPLOY, "", "deploying " + String.join(", ", deploy.manifests())
                            + (cluster == null ? "" : " to " + cluster));
                    DeployResult result;
                    try {
                        result = new Engine(new EngineContext(workspace, events)).deploy(deploy);
                    } catch (RolloutFailedException rolloutFailed) {
                        // what was applied, and whether a rollback ran, as Engine.deliver records it
                        if (rolloutFailed.result() != null) {
                            results.deployed(deploy, rolloutFailed.result());
                        }
                        throw rolloutFailed;
                    }
                    events.finished(Event.Phase.DEPLOY, "", result.message() == null ? "" : result.message());
                    results.deployed(deploy, result);
                    return AksDeployPlan.stepResult(result);
                });
    }
}
