package io.jenkins.plugins.slipway.freestyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.sync.WaitRequest;
import io.jenkins.plugins.slipway.environments.DeliveryMode;
import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.environments.WaitFor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryPlanTest {

    private static final Provenance PROVENANCE = new Provenance("https://git.example.com/shop/web.git", "a1b2c3",
            "main", "https://ci.example.com/job/web/7/", 7L, "delivery-1");
    private static final RegistryTransport TRANSPORT = RegistryTransport.defaults().withMaxAttempts(2);
    private static final ClusterAccess KUBECONFIG = new ClusterAccess.Kubeconfig(Secret.of("apiVersion: v1"), null);
    private static final DeliveryInputs INPUTS = new DeliveryInputs("shop/web", "app", null, List.of("1.4", "latest"),
            Map.of("VERSION", "1.4"), List.of("k8s/"));

    @Test
    void pushModeBuildsPushesAndDeploysTheImageToTheEnvironmentsRegistry() {
        DeliverySettings settings = DeliverySettings.builder().mode(DeliveryMode.PUSH).registry("shop.azurecr.io")
                .namespace("shop").waitTimeoutMinutes(7).build();
        RegistryAuth auth = new RegistryAuth.AcrRefreshToken(Secret.of("refresh"));

        DeliveryRequest request = DeliveryPlan.request("dev", INPUTS, settings,
                new DeliveryCredentials(auth, KUBECONFIG, null, null), TRANSPORT, PROVENANCE);

        ImageRef image = ImageRef.parse("shop.azurecr.io/shop/web");
        assertThat(request.mode()).isEqualTo(DeliveryRecord.Mode.PUSH);
        assertThat(request.environment()).isEqualTo("dev");
        assertThat(request.build().image()).isEqualTo(image);
        assertThat(request.build().context()).isEqualTo("app");
        assertThat(request.build().tags()).containsExactly("1.4", "latest");
        assertThat(request.build().buildArgs()).containsEntry("VERSION", "1.4");
        assertThat(request.build().provenance()).isEqualTo(PROVENANCE);
        assertThat(request.push().layout()).isEqualTo(request.build().outputLayout());
        assertThat(request.push().target()).isEqualTo(image);
        assertThat(request.push().tags()).containsExactly("1.4", "latest");
        assertThat(request.push().auth()).isEqualTo(auth);
        assertThat(request.push().transport()).isEqualTo(TRANSPORT);
        assertThat(request.deploy().manifests()).containsExactly("k8s/");
        assertThat(request.deploy().images()).containsExactly(image);
        assertThat(request.deploy().cluster()).isEqualTo(KUBECONFIG);
        assertThat(request.deploy().namespace()).isEqualTo("shop");
        assertThat(request.deploy().timeout()).isEqualTo(Duration.ofMinutes(7));
        assertThat(request.update()).isNull();
        assertThat(request.await()).isNull();
        assertThat(request.provenance()).isEqualTo(PROVENANCE);
    }

    @Test
    void gitOpsModeUpdatesTheRepositoryAndWaitsForArgoCdThroughItsApi() {
        DeliverySettings settings = DeliverySettings.builder().mode(DeliveryMode.GITOPS)
                .gitRepository("https://git.example.com/shop/deploy.git").gitPath("prod")
                .gitTargets("tag=image.tag\ndigest=image.digest").waitFor(WaitFor.ARGOCD).waitApplication("shop-prod")
                .argoCdServer("https://argocd.example.com").build();
        GitOpsUpdateRequest.GitAuth git = new GitOpsUpdateRequest.GitAuth.UsernamePassword("ci", Secret.of("pat"));
        Secret token = Secret.of("argo-token");

        DeliveryRequest request = DeliveryPlan.request("prod", new DeliveryInputs("shop.azurecr.io/shop/web", null,
                null, List.of(), Map.of(), List.of()), settings, new DeliveryCredentials(new RegistryAuth.Anonymous(),
                null, git, token), RegistryTransport.defaults(), PROVENANCE);

        assertThat(request.mode()).isEqualTo(DeliveryRecord.Mode.GITOPS);
        assertThat(request.deploy()).isNull();
        GitOpsUpdateRequest update = request.update();
        assertThat(update.repositoryUrl()).isEqualTo("https://git.example.com/shop/deploy.git");
        assertThat(update.branch()).isEqualTo("main");
        assertThat(update.path()).isEqualTo("prod");
        assertThat(update.images()).containsExactly(ImageRef.parse("shop.azurecr.io/shop/web"));
        assertThat(update.helmKeys()).isEqualTo(Map.of("tag", "image.tag", "digest", "image.digest"));
        assertThat(update.auth()).isEqualTo(git);
        assertThat(update.provenance()).isEqualTo(PROVENANCE);
        WaitRequest await = request.await();
        assertThat(await.source()).isEqualTo(WaitRequest.Source.ARGOCD_API);
        assertThat(await.application()).isEqualTo("shop-prod");
        assertThat(await.endpoint()).isEqualTo("https://argocd.example.com");
        assertThat(await.token()).isEqualTo(token);
        assertThat(await.repository().url()).isEqualTo(update.repositoryUrl());
        assertThat(await.repository().branch()).isEqualTo("main");
        assertThat(await.deadline()).isEqualTo(WaitRequest.DEFAULT_DEADLINE);
    }

    @Test
    void fluxIsWatchedThroughTheClusterWhenThereIsOneElseThroughTheGitHost() {
        DeliverySettings settings = DeliverySettings.builder().mode(DeliveryMode.GITOPS)
                .gitRepository("https://git.example.com/deploy.git").waitFor(WaitFor.FLUX)
                .waitApplication("flux-system/apps").waitTimeoutMinutes(20).build();
        DeliveryInputs inputs = new DeliveryInputs("r.example.com/web", null, null, null, null, null);

        DeliveryRequest withCluster = DeliveryPlan.request(null, inputs, settings,
                new DeliveryCredentials(new RegistryAuth.Anonymous(), KUBECONFIG, null, null), TRANSPORT, PROVENANCE);
        DeliveryRequest withoutCluster = DeliveryPlan.request(null, inputs, settings,
                new DeliveryCredentials(new RegistryAuth.Anonymous(), null, null, null), TRANSPORT, PROVENANCE);

        assertThat(withCluster.await().source()).isEqualTo(WaitRequest.Source.FLUX_CLUSTER);
        assertThat(withCluster.await().cluster()).isEqualTo(KUBECONFIG);
        assertThat(withCluster.await().deadline()).isEqualTo(Duration.ofMinutes(20));
        assertThat(withoutCluster.await().source()).isEqualTo(WaitRequest.Source.FLUX_GIT_STATUS);
    }

    @Test
    void noWaitWhenTheSettingsSayNoneOrNothing() {
        DeliverySettings settings = DeliverySettings.builder().mode(DeliveryMode.GITOPS)
                .gitRepository("https://git.example.com/deploy.git").build();

        DeliveryRequest request = DeliveryPlan.request(null, INPUTS, settings,
                new DeliveryCredentials(new RegistryAuth.Anonymous(), null, null, null), TRANSPORT, PROVENANCE);

        assertThat(request.await()).isNull();
        assertThat(request.build().image()).isEqualTo(ImageRef.parse("shop/web"));
    }

    @Test
    void anImageWithARegistryHostKeepsItOthersGetTheEnvironmentsRegistry() {
        assertThat(DeliveryPlan.imageWithRegistry("shop/web", "shop.azurecr.io")).isEqualTo("shop.azurecr.io/shop/web");
        assertThat(DeliveryPlan.imageWithRegistry("web", "shop.azurecr.io")).isEqualTo("shop.azurecr.io/web");
        assertThat(DeliveryPlan.imageWithRegistry("other.azurecr.io/web", "shop.azurecr.io")).isEqualTo("other.azurecr.io/web");
        assertThat(DeliveryPlan.imageWithRegistry("localhost/web", "shop.azurecr.io")).isEqualTo("localhost/web");
        assertThat(DeliveryPlan.imageWithRegistry("127.0.0.1:5000/web", "r.io")).isEqualTo("127.0.0.1:5000/web");
        assertThat(DeliveryPlan.imageWithRegistry("shop/web", null)).isEqualTo("shop/web");
    }

    @Test
    void missingPiecesAreRefusedNamingTheField() {
        DeliveryCredentials anonymous = new DeliveryCredentials(new RegistryAuth.Anonymous(), null, null, null);
        DeliverySettings push = DeliverySettings.builder().mode(DeliveryMode.PUSH).build();
        DeliverySettings gitops = DeliverySettings.builder().mode(DeliveryMode.GITOPS).build();
        DeliverySettings argoInCluster = DeliverySettings.builder().mode(DeliveryMode.GITOPS)
                .gitRepository("https://g/x.git").waitFor(WaitFor.ARGOCD).waitApplication("app").build();
        DeliverySettings argoApi = argoInCluster.toBuilder().argoCdServer("https://argocd").build();
        DeliverySettings fluxWithoutObject = argoInCluster.toBuilder().waitFor(WaitFor.FLUX).waitApplication(null).build();
        DeliveryInputs noManifests = new DeliveryInputs("r.io/web", null, null, null, null, null);

        assertField(() -> DeliveryPlan.request(null, INPUTS, DeliverySettings.NONE, anonymous, TRANSPORT, PROVENANCE), "mode");
        assertField(() -> DeliveryPlan.request(null, INPUTS, push, anonymous, TRANSPORT, PROVENANCE), "kubeconfigCredentialsId");
        assertField(() -> DeliveryPlan.request(null, noManifests, push, anonymous, TRANSPORT, PROVENANCE), "manifests");
        assertField(() -> DeliveryPlan.request(null, INPUTS, gitops, anonymous, TRANSPORT, PROVENANCE), "gitRepository");
        assertField(() -> DeliveryPlan.request(null, INPUTS, argoInCluster, anonymous, TRANSPORT, PROVENANCE), "argoCdServer");
        assertField(() -> DeliveryPlan.request(null, INPUTS, argoApi, anonymous, TRANSPORT, PROVENANCE), "argoCdCredentialsId");
        assertField(() -> DeliveryPlan.request(null, INPUTS, fluxWithoutObject, anonymous, TRANSPORT, PROVENANCE), "waitApplication");
        assertField(() -> DeliveryPlan.imageWithRegistry(null, "r.io"), "image");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).isNotBlank());
    }
}
