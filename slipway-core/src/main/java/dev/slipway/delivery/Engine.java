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
import dev.slipway.support.NotImplementedYetException;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import dev.slipway.kube.Deployer;
import java.util.Objects;

/**
 * The engine's entry points, one per word of DESIGN.md. Each takes an immutable request and returns a
 * result; both are serializable. Entry points whose issue has not landed throw
 * {@link NotImplementedYetException} rather than pretend (README.md, "What works today").
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

    /** The whole delivery, recorded. */
    public DeliveryRecord deliver(DeliveryRequest request) {
        throw new NotImplementedYetException("deliver", "issue #14");
    }
}
