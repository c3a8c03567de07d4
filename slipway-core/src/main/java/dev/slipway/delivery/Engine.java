package dev.slipway.delivery;

import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.gitops.GitOpsUpdates;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.BuildResult;
import dev.slipway.image.DockerfileBuild;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.ImageCopier;
import dev.slipway.registry.ImagePusher;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import dev.slipway.support.InvalidInputException;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import dev.slipway.kube.Deployer;
import java.util.Objects;

/**
 * The engine's entry points, one per word of DESIGN.md. Each takes an immutable request and returns a
 * result; both are serializable. {@link DeliveryResults} puts each result into a delivery record.
 */
public final class Engine {
    private final EngineContext context;

    public Engine(EngineContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public EngineContext context() {
        return context;
    }

    /** Dockerfile → OCI layout on the agent. */
    public BuildResult build(BuildRequest request) {
        return new DockerfileBuild(context.workspace(), context.events()).run(request);
    }

    /** OCI layout → registry, by digest, then tags. */
    public PushResult push(PushRequest request) {
        return new ImagePusher(context).push(request);
    }

    /** Registry-side copy by digest to another repository or registry. */
    public CopyResult copy(CopyRequest request) {
        return new ImageCopier(context).copy(request);
    }

    /**
     * Push mode: apply manifests to a cluster and wait for the rollout. AKS access gets its Azure AD tokens
     * (ARM, and the AKS server application for Azure AD clusters) from the same identity, through azure-identity.
     */
    public DeployResult deploy(DeployRequest request) {
        return new Deployer(context).deploy(request);
    }

    /** GitOps mode: change image references in a Git repository and commit. */
    public GitOpsUpdateResult update(GitOpsUpdateRequest request) {
        return new GitOpsUpdates(context).update(request);
    }

    /** Wait until a GitOps commit is live. */
    public WaitResult await(WaitRequest request) {
        java.net.http.HttpClient http = dev.slipway.support.NetworkClients.http(context.network(),
                java.net.http.HttpClient.Redirect.NORMAL);
        return new dev.slipway.sync.SyncWaiter(context.events(), http,
                access -> dev.slipway.kube.Kubeconfigs.connect(access, context.events().masker(), context.events().clock().instant(),
                        context.network()), context.network())
                .await(request);
    }

    /**
     * The whole delivery, recorded: build (when asked) → push → deploy (push mode) or GitOps update (GitOps mode)
     * with the pushed {@code tag@digest} in place of the image → wait for the GitOps commit (when asked). Events
     * {@code STARTED}, {@code FINISHED} or {@code FAILED} of phase {@code DELIVER} frame it. A failed phase stops
     * the rest, so no manifest or commit ever names a digest the registry does not have.
     *
     * @return the closed record ({@code SUCCEEDED})
     * @throws InvalidInputException         before anything runs, when the request cannot run
     * @throws DeliveryFailedException       when a phase failed: {@link DeliveryFailedException#record()} is the
     *                                       closed record (that phase {@code FAILED}, later ones {@code SKIPPED}),
     *                                       the cause is the phase's own error
     */
    public DeliveryRecord deliver(DeliveryRequest request) {
        return new DeliveryRun(context, request).run();
    }
}
