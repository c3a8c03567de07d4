package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineMessagesTest {
    private static final String CANARY = Canary.of("message-secret");

    @Test
    void requestsCrossTheRemotingChannelIntactAndCarryTheSchemaVersion() throws Exception {
        ImageRef web = ImageRef.parse("shop.azurecr.io/shop/web");
        Provenance provenance = new Provenance("https://git.example/shop.git", "a".repeat(40), "main",
                "https://jenkins.example/job/shop/42/", 42L, "d-42");
        List<EngineMessage> requests = List.of(
                new PushRequest("build/oci", web, List.of("1.0"),
                        new RegistryAuth.AzureAd(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "t", "c", Secret.of(CANARY)))),
                new DeployRequest(List.of("k8s/"), List.of(web), new ClusterAccess.Kubeconfig(Secret.of(CANARY), "prod"),
                        "shop", true, false, false, false, true, false, null, provenance),
                new GitOpsUpdateRequest("https://git.example/gitops.git", "main", "apps/shop", List.of(web), null, Map.of(),
                        Map.of(), new GitOpsUpdateRequest.GitAuth.UsernamePassword("bot", Secret.of(CANARY)), null, null,
                        null, false, provenance));

        for (EngineMessage request : requests) {
            assertThat(request.schemaVersion()).isEqualTo(EngineMessage.SCHEMA_VERSION);
            assertThat(roundTrip(request)).isEqualTo(request);
            assertThat(request.toString()).as("toString of " + request.getClass().getSimpleName()).doesNotContain(CANARY);
        }
    }

    @Test
    void defaultsAreFilledIn() {
        DeployRequest deploy = new DeployRequest(List.of("k8s/"), List.of(), null, null, false, false, false, false, false,
                false, null, null);
        assertThat(deploy.timeout()).isEqualTo(DeployRequest.DEFAULT_TIMEOUT);
        assertThat(new DeliveryRequest("dev", null, null, deploy, null, null, null).mode()).isEqualTo(DeliveryRecord.Mode.PUSH);
    }

    @Test
    void aDeliveryThatCannotRunIsRefusedBeforeAnythingRuns() {
        Engine engine = new Engine(new EngineContext(Path.of("."), Events.silent()));
        assertThatThrownBy(() -> engine.deliver(new DeliveryRequest("dev", null, null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("push: a delivery needs a push");
    }

    private static Object roundTrip(Object object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
