package io.jenkins.plugins.slipway.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import io.jenkins.plugins.slipway.environments.DeliveryMode;
import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.environments.WaitFor;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryWorkTest {

    @Test
    void everySecretOfTheRequestIsMaskedOnTheAgent() {
        DeliverySettings settings = DeliverySettings.builder().mode(DeliveryMode.GITOPS)
                .gitRepository("https://g.example.com/deploy.git").waitFor(WaitFor.ARGOCD).waitApplication("app")
                .argoCdServer("https://argocd.example.com").build();
        DeliveryRequest request = DeliveryPlan.request("prod", new DeliveryInputs("r.example.com/web", null, null, null,
                null, null), settings, new DeliveryCredentials(new RegistryAuth.Basic("u", Secret.of("registry-canary")),
                new ClusterAccess.Kubeconfig(Secret.of("kubeconfig-canary"), null),
                new GitOpsUpdateRequest.GitAuth.UsernamePassword("ci", Secret.of("git-canary")),
                Secret.of("argo-canary")), RegistryTransport.defaults(), Provenance.unknown("d"));

        assertThat(DeliveryWork.secrets(request)).containsExactlyInAnyOrder(Secret.of("registry-canary"),
                Secret.of("git-canary"), Secret.of("argo-canary"), Secret.of("kubeconfig-canary"));
    }

    @Test
    void theWorkCrossesTheChannel() throws Exception {
        DeliveryRequest request = DeliveryPlan.request(null, new DeliveryInputs("r.example.com/web", null, null,
                List.of("1"), Map.of(), List.of("k8s/")), DeliverySettings.builder().mode(DeliveryMode.PUSH).build(),
                new DeliveryCredentials(new RegistryAuth.Anonymous(), new ClusterAccess.Kubeconfig(Secret.of("k"), null),
                        null, null), RegistryTransport.defaults(), Provenance.unknown("d"));

        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(new DeliveryWork(request, () -> System.out));
        }
    }
}
