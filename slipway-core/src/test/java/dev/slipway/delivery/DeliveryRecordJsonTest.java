package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import dev.slipway.testsupport.secrets.Canary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRecordJsonTest {
    private static final String CANARY = Canary.of("record-secret");
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    static DeliveryRecord gitOpsRecord() {
        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        return new DeliveryRecord(DeliveryRecord.SCHEMA_VERSION, "d-42", "prod", DeliveryRecord.Mode.GITOPS,
                DeliveryRecord.Outcome.SUCCEEDED, start, start.plusSeconds(95),
                new DeliveryRecord.Source("https://git.example/shop.git", "a".repeat(40), "main"),
                new DeliveryRecord.Build("https://jenkins.example/job/shop/42/", 42L, "buildah"),
                new DeliveryRecord.Image("shop.azurecr.io", "shop/web", DIGEST, List.of("1.4.2", "42"), 52_428_800L),
                new DeliveryRecord.Target(null, null, "https://git.example/gitops.git", "main", "apps/shop/overlays/prod"),
                List.of(new Change("apps/shop/overlays/prod/kustomization.yaml", 0, "images[0].newTag", "1.4.1", "1.4.2"),
                        new Change("apps/shop/overlays/prod/kustomization.yaml", 0, "images[0].digest", null, DIGEST)),
                new DeliveryRecord.Commit("b".repeat(40), "https://git.example/gitops/commit/" + "b".repeat(40)),
                null,
                List.of(new DeliveryRecord.PhaseRecord("build", DeliveryRecord.PhaseStatus.SUCCEEDED, start, start.plusSeconds(40), null),
                        new DeliveryRecord.PhaseRecord("push", DeliveryRecord.PhaseStatus.SUCCEEDED, start.plusSeconds(40), start.plusSeconds(50), "3 blobs uploaded"),
                        new DeliveryRecord.PhaseRecord("update", DeliveryRecord.PhaseStatus.SUCCEEDED, start.plusSeconds(50), start.plusSeconds(55), null),
                        new DeliveryRecord.PhaseRecord("wait", DeliveryRecord.PhaseStatus.SUCCEEDED, start.plusSeconds(55), start.plusSeconds(95), "Synced/Healthy")),
                List.of(new DeliveryRecord.Link("argocd", "shop-prod in Argo CD", "https://argocd.example/applications/shop-prod")),
                null);
    }

    @Test
    void roundTripsThroughJson() {
        DeliveryRecord record = gitOpsRecord();
        String json = DeliveryRecords.toJson(record, new SecretMasker());
        assertThat(DeliveryRecords.fromJson(json)).isEqualTo(record);
    }

    @Test
    void theJsonFollowsTheDocumentedSchema() throws Exception {
        DeliveryRecord failed = new DeliveryRecord(1, "d-43", null, DeliveryRecord.Mode.PUSH, DeliveryRecord.Outcome.ROLLED_BACK,
                Instant.parse("2026-11-26T11:00:00Z"), null, null, null, null,
                new DeliveryRecord.Target("aks-prod", "shop", null, null, null), null, null,
                new DeliveryRecord.PullRequest(7, "https://github.example/o/r/pull/7"), null, null,
                new DeliveryRecord.Failure("deploy", "Deployment/shop/web: ImagePullBackOff"));
        for (DeliveryRecord record : List.of(gitOpsRecord(), failed)) {
            assertThat(RecordSchema.violations(record)).as("schema violations of record " + record.id()).isEmpty();
        }
    }

    @Test
    void aSecretNeverReachesTheJson() {
        Secret secret = Secret.of(CANARY);
        SecretMasker masker = new SecretMasker().register(secret);
        // A secret that slipped into a free-text field (a failure reason quoting a command) is masked, and a
        // Secret object rendered into a field gives only its mask.
        DeliveryRecord record = new DeliveryRecord(1, "d-44", null, DeliveryRecord.Mode.PUSH, DeliveryRecord.Outcome.FAILED,
                Instant.parse("2026-11-26T11:00:00Z"), null, null, null, null, null, null, null, null,
                List.of(new DeliveryRecord.PhaseRecord("login", DeliveryRecord.PhaseStatus.FAILED, null, null, "token " + secret)),
                null, new DeliveryRecord.Failure("login", "registry refused password " + CANARY));

        String json = DeliveryRecords.toJson(record, masker);

        assertThat(json).doesNotContain(CANARY).contains("token ****").contains("refused password ****");
    }

    @Test
    void aNewerSchemaVersionIsRefusedClearly() {
        String json = DeliveryRecords.toJson(gitOpsRecord(), new SecretMasker()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
        assertThatThrownBy(() -> DeliveryRecords.fromJson(json))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("schema version 2, newer than this Slipway understands (1)");
    }

    @Test
    void truncatedJsonIsReportedAsSuch() {
        String json = DeliveryRecords.toJson(gitOpsRecord(), new SecretMasker());
        assertThatThrownBy(() -> DeliveryRecords.fromJson(json.substring(0, json.length() / 2)))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("not valid JSON");
    }
}
