package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.DeployRequest;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.sync.WaitRequest;
import io.jenkins.plugins.slipway.environments.DeliveryMode;
import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.environments.StepEnvironment;
import io.jenkins.plugins.slipway.environments.WaitFor;
import io.jenkins.plugins.slipway.model.StepValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds the engine's {@link DeliveryRequest} for "Build and deliver": build the Dockerfile, push by digest, then
 * deploy (push mode) or update the GitOps repository and wait (GitOps mode). Every missing piece is refused here,
 * before the agent is asked to do anything, naming the field and the fix.
 */
public final class DeliveryPlan {
    public static final String DEFAULT_GIT_BRANCH = "main";

    private DeliveryPlan() {
    }

    /**
     * @param environment the environment's name for the record, or {@code null}
     * @param settings    the step's values merged with its environment's
     */
    public static DeliveryRequest request(String environment, DeliveryInputs inputs, DeliverySettings settings,
            DeliveryCredentials credentials, RegistryTransport transport, Provenance provenance) {
        ImageRef image = ImageRef.parse("image", imageWithRegistry(inputs.image(), settings.registry()));
        DeliveryMode mode = settings.mode();
        if (mode == null) {
            throw new InvalidInputException("mode", "is not given, here or by the environment",
                    "choose push (apply to the cluster) or gitops (commit to the GitOps repository)");
        }
        BuildRequest build = BuildRequest.builder(image).context(inputs.context()).dockerfile(inputs.dockerfile())
                .tags(inputs.tags()).buildArgs(inputs.buildArgs()).provenance(provenance).build();
        PushRequest push = new PushRequest(build.outputLayout(), image, inputs.tags(), credentials.registry(), transport);
        Duration timeout = settings.waitTimeoutMinutes() == null ? null
                : Duration.ofMinutes(settings.waitTimeoutMinutes());
        if (mode == DeliveryMode.PUSH) {
            return new DeliveryRequest(environment, build, push, deploy(inputs, settings, credentials, timeout,
                    provenance, image), null, null, provenance);
        }
        GitOpsUpdateRequest update = update(settings, credentials, provenance, image);
        return new DeliveryRequest(environment, build, push, null, update,
                await(settings, credentials, timeout, update), provenance);
    }

    /** See {@link StepEnvironment#imageWithRegistry}. */
    public static String imageWithRegistry(String image, String registry) {
        return StepEnvironment.imageWithRegistry(image, registry);
    }

    private static DeployRequest deploy(DeliveryInputs inputs, DeliverySettings settings,
            DeliveryCredentials credentials, Duration timeout, Provenance provenance, ImageRef image) {
        if (inputs.manifests().isEmpty()) {
            throw new InvalidInputException("manifests", "push mode has no manifests",
                    "give the manifest files, folders or globs to apply, e.g. k8s/");
        }
        if (credentials.cluster() == null) {
            throw new InvalidInputException("kubeconfigCredentialsId", "push mode has no cluster",
                    "give a kubeconfig credential, or an Azure credential with subscription, resource group and"
                            + " cluster name (here or in the environment)");
        }
        return new DeployRequest(inputs.manifests(), List.of(image), credentials.cluster(), settings.namespace(),
                false, false, false, false, false, false, timeout, provenance);
    }

    private static GitOpsUpdateRequest update(DeliverySettings settings, DeliveryCredentials credentials,
            Provenance provenance, ImageRef image) {
        if (settings.gitRepository() == null) {
            throw new InvalidInputException("gitRepository", "GitOps mode has no repository",
                    "give the GitOps repository's URL (here or in the environment)");
        }
        Map<String, String> helmKeys = StepValues.pairs("gitTargets", settings.gitTargets());
        return new GitOpsUpdateRequest(settings.gitRepository(), branch(settings),
                settings.gitPath() == null ? "" : settings.gitPath(), List.of(image), GitOpsUpdateRequest.Pin.DEFAULT,
                helmKeys, Map.of(), credentials.git(), null, null, null, false, provenance);
    }

    private static WaitRequest await(DeliverySettings settings, DeliveryCredentials credentials, Duration timeout,
            GitOpsUpdateRequest update) {
        WaitFor waitFor = settings.waitFor() == null ? WaitFor.NONE : settings.waitFor();
        if (waitFor == WaitFor.NONE) {
            return null;
        }
        if (settings.waitApplication() == null) {
            throw new InvalidInputException("waitApplication", "waiting for " + waitFor.text() + " names no object",
                    waitFor == WaitFor.ARGOCD ? "give the Argo CD Application's name"
                            : "give the Flux object, e.g. flux-system/apps");
        }
        WaitRequest.Source source;
        if (waitFor == WaitFor.ARGOCD) {
            source = settings.argoCdServer() != null ? WaitRequest.Source.ARGOCD_API : WaitRequest.Source.ARGOCD_CLUSTER;
            if (source == WaitRequest.Source.ARGOCD_API && credentials.argoCdToken() == null) {
                throw new InvalidInputException("argoCdCredentialsId", "watching Argo CD through its API needs a token",
                        "give a secret text credential with a read-only Argo CD API token");
            }
        } else {
            source = credentials.cluster() != null ? WaitRequest.Source.FLUX_CLUSTER : WaitRequest.Source.FLUX_GIT_STATUS;
        }
        if ((source == WaitRequest.Source.ARGOCD_CLUSTER) && credentials.cluster() == null) {
            throw new InvalidInputException("argoCdServer", "watching Argo CD needs its server URL or the cluster",
                    "give the Argo CD server URL and token, or the cluster's credentials");
        }
        WaitRequest.GitRepository repository = new WaitRequest.GitRepository(update.repositoryUrl(), update.branch(),
                update.auth(), null, null, null);
        return new WaitRequest(source, settings.waitApplication(), null, settings.argoCdServer(),
                credentials.argoCdToken(), credentials.cluster(), false, timeout, null, repository, null, null);
    }

    private static String branch(DeliverySettings settings) {
        return settings.gitBranch() == null ? DEFAULT_GIT_BRANCH : settings.gitBranch();
    }
}
