package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.image.BuildRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code acrBuild} records its delivery also when the build is refused before it starts (no builder needed). */
class AcrBuildRecordTest {
    private static final String CANARY = Canary.of("acr-password");

    @TempDir
    Path workspace;

    @Test
    void aRefusedBuildComesBackAsAFailedRecordWithTheProvenanceAndTheRefusal() {
        BuildRequest request = AcrBuildPlan.buildRequest(AcrBuildSettings.of("shop.azurecr.io/shop/web")
                .withContext("no-such-folder").withTags(List.of("1.4")), List.of(), null);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Provenance provenance = new Provenance("https://git.example/shop.git", null, "main",
                "https://ci.example/job/shop/3/", 3L, "delivery-build-3");

        DeliveryOutcome outcome = new AcrBuildWork(request, new RegistryAuth.Basic("shop", Secret.of(CANARY)), null,
                () -> new PrintStream(log, true, StandardCharsets.UTF_8)).run(workspace, provenance);

        assertThatThrownBy(outcome::resultOrThrow).isInstanceOfSatisfying(InvalidInputException.class,
                refused -> assertThat(refused.field()).isEqualTo("context"));
        DeliveryRecord record = outcome.record();
        assertThat(record.id()).isEqualTo("delivery-build-3");
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure().phase()).isEqualTo("build");
        assertThat(record.source().repository()).isEqualTo("https://git.example/shop.git");
        assertThat(record.build().number()).isEqualTo(3L);
        assertThat(outcome.recordJson() + log.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY);
    }
}
