package dev.slipway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision rules alone: Argo CD Application and Flux object states, names, commit matching. */
class SyncRulesTest {
    static final String OURS = "2222222222222222222222222222222222222222";
    static final String OLD = "1111111111111111111111111111111111111111";
    static final Ancestry EXACT = Ancestry.exactOnly();

    static Map<String, Object> app(String sync, String health, String revision, String phase, String operationMessage) {
        return Map.of("status", Map.of("sync", Map.of("status", sync, "revision", revision),
                "health", Map.of("status", health, "message", "Deployment web exceeded its progress deadline"),
                "operationState", Map.of("phase", phase, "message", operationMessage, "syncResult", Map.of("revision", revision))));
    }

    @Test
    void argoNeedsOurRevisionSyncedHealthyAndASucceededOperation() {
        assertThat(ArgoCdRules.evaluate(app("Synced", "Healthy", OURS, "Succeeded", ""), OURS, EXACT).state())
                .isEqualTo(SyncVerdict.State.LIVE);
        assertThat(ArgoCdRules.evaluate(app("Synced", "Healthy", OLD, "Succeeded", ""), OURS, EXACT).state())
                .isEqualTo(SyncVerdict.State.WAITING);
        assertThat(ArgoCdRules.evaluate(app("OutOfSync", "Healthy", OURS, "Succeeded", ""), OURS, EXACT).message())
                .contains("sync is OutOfSync");
        assertThat(ArgoCdRules.evaluate(app("Synced", "Healthy", OURS, "Running", ""), OURS, EXACT).message())
                .contains("sync operation is Running");
        assertThat(ArgoCdRules.evaluate(Map.of("status", Map.of("sync", Map.of("status", "Synced", "revision", OURS),
                "health", Map.of("status", "Healthy"))), OURS, EXACT).message()).contains("no sync operation recorded yet");
    }

    @Test
    void argoDegradedCarriesTheHealthMessageAndASyncErrorTheOperationMessage() {
        assertThat(ArgoCdRules.evaluate(app("Synced", "Degraded", OURS, "Succeeded", ""), OURS, EXACT).message())
                .isEqualTo("Degraded: Deployment web exceeded its progress deadline");
        assertThat(ArgoCdRules.evaluate(app("OutOfSync", "Missing", OURS, "Failed", "one or more objects failed to apply"),
                OURS, EXACT).message()).isEqualTo("OutOfSync: the sync of 222222222222 failed: one or more objects failed to apply");
        assertThat(ArgoCdRules.evaluate(app("Synced", "Healthy", OURS, "Error", "hook failed"), OURS, EXACT).message())
                .isEqualTo("sync error: hook failed");
        // an old revision's failure is not ours
        assertThat(ArgoCdRules.evaluate(app("OutOfSync", "Healthy", OLD, "Failed", "old failure"), OURS, EXACT).state())
                .isEqualTo(SyncVerdict.State.WAITING);
        // Degraded while our sync still runs may be the old version: wait
        assertThat(ArgoCdRules.evaluate(app("Synced", "Degraded", OURS, "Running", ""), OURS, EXACT).state())
                .isEqualTo(SyncVerdict.State.WAITING);
    }

    @Test
    void argoMultiSourceApplicationsReportRevisions() {
        Map<String, Object> multi = Map.of("status", Map.of("sync", Map.of("status", "Synced", "revisions", List.of("1.2.3", OURS)),
                "health", Map.of("status", "Healthy"), "operationState", Map.of("phase", "Succeeded")));
        assertThat(ArgoCdRules.evaluate(multi, OURS, EXACT).state()).isEqualTo(SyncVerdict.State.LIVE);
    }

    static Map<String, Object> flux(String kind, String ready, String reason, String applied, String attempted) {
        return Map.of("kind", kind, "metadata", Map.of("generation", 2), "status", Map.of("observedGeneration", 2,
                "lastAppliedRevision", applied, "lastAttemptedRevision", attempted,
                "conditions", List.of(Map.of("type", "Ready", "status", ready, "reason", reason, "message", "msg"))));
    }

    @Test
    void fluxNeedsOurAppliedRevisionAndReady() {
        assertThat(FluxRules.evaluate(flux("Kustomization", "True", "ReconciliationSucceeded", "main@sha1:" + OURS, "main@sha1:" + OURS),
                OURS, EXACT).state()).isEqualTo(SyncVerdict.State.LIVE);
        assertThat(FluxRules.evaluate(flux("Kustomization", "True", "ReconciliationSucceeded", "main@sha1:" + OLD, "main@sha1:" + OLD),
                OURS, EXACT).state()).isEqualTo(SyncVerdict.State.WAITING);
        assertThat(FluxRules.evaluate(flux("Kustomization", "False", "BuildFailed", "main@sha1:" + OLD, "main@sha1:" + OURS),
                OURS, EXACT).message()).isEqualTo("BuildFailed: msg");
        assertThat(FluxRules.evaluate(flux("Kustomization", "Unknown", "Progressing", "main@sha1:" + OLD, "main@sha1:" + OURS),
                OURS, EXACT).state()).isEqualTo(SyncVerdict.State.WAITING);
        assertThat(FluxRules.evaluate(flux("Kustomization", "True", "ReconciliationSucceeded", "main/" + OURS, ""),
                OURS, EXACT).state()).isEqualTo(SyncVerdict.State.LIVE);
    }

    @Test
    void fluxRevisionStringsNameTheirCommit() {
        assertThat(FluxRules.commitOf("main@sha1:" + OURS)).isEqualTo(OURS);
        assertThat(FluxRules.commitOf("main/" + OURS)).isEqualTo(OURS);
        assertThat(FluxRules.commitOf("1.0.0+222222222222")).isEqualTo("222222222222");
        assertThat(FluxRules.commitOf("1.0.0")).isEmpty();
    }

    @Test
    void fluxObjectNames() {
        assertThat(FluxObject.parse("web")).isEqualTo(new FluxObject("Kustomization", "flux-system", "web"));
        assertThat(FluxObject.parse("apps/web")).isEqualTo(new FluxObject("Kustomization", "apps", "web"));
        assertThat(FluxObject.parse("HelmRelease/web")).isEqualTo(new FluxObject("HelmRelease", "flux-system", "web"));
        assertThat(FluxObject.parse("hr/apps/web")).isEqualTo(new FluxObject("HelmRelease", "apps", "web"));
        assertThatThrownBy(() -> FluxObject.parse("a/b/c/d")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("application:");
    }

    @Test
    void abbreviatedCommitsMatchButShortOrDifferentOnesDoNot() {
        assertThat(Ancestry.sameCommit(OURS, "2222222")).isTrue();
        assertThat(Ancestry.sameCommit(OURS, "222222")).isFalse();
        assertThat(Ancestry.sameCommit(OURS, OLD)).isFalse();
        assertThat(Ancestry.sameCommit("", OURS)).isFalse();
    }

    @Test
    void runningDigestWorkloadsAreKindSlashName() {
        assertThat(RunningDigestCheck.workloadType("deploy/web").getKind()).isEqualTo("Deployment");
        assertThat(RunningDigestCheck.workloadType("StatefulSet/db").getPlural()).isEqualTo("statefulsets");
        assertThatThrownBy(() -> RunningDigestCheck.workloadType("Pod/web")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("workloads:");
        assertThatThrownBy(() -> RunningDigestCheck.workloadType("Deployment/")).isInstanceOf(InvalidInputException.class);
    }
}
