package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.registry.Credentials;
import dev.slipway.testsupport.registry.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of {@code acrCopy}, run as its callable runs it on the agent: a real registry without auth as the
 * source, a real registry with a password as the target. The log and the record never show the password.
 */
@Tag("real-server")
class AcrCopyWorkTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @RegisterExtension
    static RegistryServer dev = RegistryServer.noAuth();
    @RegisterExtension
    static RegistryServer prod = RegistryServer.htpasswd();

    @TempDir
    Path workspace;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);

    private RegistryTransport transport() {
        return RegistryTransport.defaults().withPlainHttp(dev.hostPort(), prod.hostPort());
    }

    private ImageRef pushToDev(String seed) throws Exception {
        TinyOciLayout.write(workspace.resolve("layout-" + seed), seed);
        return new Engine(new EngineContext(workspace, Events.silent())).push(new PushRequest("layout-" + seed,
                ImageRef.parse(dev.hostPort() + "/shop/web"), List.of("build-1"), new RegistryAuth.Anonymous(),
                transport())).image();
    }

    private static Provenance provenance() {
        return new Provenance("https://git.example/shop.git", COMMIT, "main", "https://ci.example/job/shop/7/", 7L,
                "delivery-copy-1");
    }

    @Test
    void copiesByDigestToAnotherRegistryAndReturnsAndRecordsTheCopy() throws Exception {
        ImageRef source = pushToDev("copied");
        Credentials user = prod.credentials().orElseThrow();
        AcrCopySettings settings = AcrCopySettings.of(source.reference(), prod.hostPort() + "/shop/web:1.4")
                .withTags(List.of("stable"));

        DeliveryOutcome outcome = new AcrCopyWork(AcrCopyPlan.copyRequest(settings, new RegistryAuth.Anonymous(),
                new RegistryAuth.Basic(user.username(), Secret.of(user.password())), transport()), provenance(),
                () -> logStream).run(workspace);

        String digest = source.digest().orElseThrow().toString();
        Map<String, String> result = outcome.resultOrThrow();
        assertThat(result).containsEntry("image", prod.hostPort() + "/shop/web@" + digest)
                .containsEntry("digest", digest).containsEntry("tags", "1.4,stable");
        DeliveryRecord record = outcome.record();
        assertThat(record.id()).isEqualTo("delivery-copy-1");
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(record.image()).isEqualTo(new DeliveryRecord.Image(prod.hostPort(), "shop/web", digest,
                List.of("1.4", "stable"), null));
        assertThat(record.source()).isEqualTo(new DeliveryRecord.Source("https://git.example/shop.git", COMMIT, "main"));
        assertThat(record.build().number()).isEqualTo(7L);
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::name).contains("copy");
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("[slipway copy]");
        for (String shown : List.of(text, outcome.recordJson())) {
            assertThat(shown).doesNotContain(user.password()).doesNotContain(user.base64UserColonPassword());
        }
    }

    @Test
    void aFailedCopyIsRecordedAsFailedAndItsFailureReturnedForTheController() {
        Credentials user = prod.credentials().orElseThrow();
        String missing = dev.hostPort() + "/shop/missing@sha256:" + "0".repeat(64);
        AcrCopySettings settings = AcrCopySettings.of(missing, prod.hostPort() + "/shop/missing");

        DeliveryOutcome outcome = new AcrCopyWork(AcrCopyPlan.copyRequest(settings, new RegistryAuth.Anonymous(),
                new RegistryAuth.Basic(user.username(), Secret.of(user.password())), transport()), provenance(),
                () -> logStream).run(workspace);

        assertThat(outcome.failure()).isNotNull();
        assertThatThrownBy(outcome::resultOrThrow).isSameAs(outcome.failure());
        DeliveryRecord record = outcome.record();
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure().phase()).isEqualTo("copy");
        assertThat(outcome.recordJson()).doesNotContain(user.password());
    }

    @Test
    void theWorkAndItsOutcomeCrossTheChannelAndAnAzureIdentityNeverDoes() throws Exception {
        ImageRef source = pushToDev("serialized");
        AcrCopyWork work = new AcrCopyWork(AcrCopyPlan.copyRequest(AcrCopySettings.of(source.reference(),
                dev.hostPort() + "/release/web"), new RegistryAuth.Anonymous(), new RegistryAuth.Anonymous(), transport()),
                provenance(), () -> System.out);
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(work);
            out.writeObject(work.run(workspace));
        }

        RegistryAuth azure = new RegistryAuth.AzureAd(new AzureIdentity.ManagedIdentity(AzureCloud.AZURE_PUBLIC, null));
        assertThatThrownBy(() -> new AcrCopyWork(AcrCopyPlan.copyRequest(AcrCopySettings.of(source.reference(),
                "prod.azurecr.io/shop/web"), new RegistryAuth.Anonymous(), azure, null), provenance(), () -> System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on the controller");
    }
}
