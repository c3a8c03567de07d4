package dev.slipway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutStatusTest {

    private static Map<String, Object> deployment(long generation, Map<String, Object> status) {
        return Map.of("kind", "Deployment", "metadata", Map.of("generation", generation), "spec", Map.of("replicas", 3),
                "status", status);
    }

    @Test
    void deploymentFollowsKubectlRolloutStatus() {
        assertThat(RolloutStatus.of(deployment(2, Map.of("observedGeneration", 1))).message())
                .contains("observe generation 2");
        assertThat(RolloutStatus.of(deployment(2, Map.of("observedGeneration", 2, "updatedReplicas", 1))).message())
                .isEqualTo("1 of 3 new replicas have been updated");
        assertThat(RolloutStatus.of(deployment(2, Map.of("observedGeneration", 2, "updatedReplicas", 3, "replicas", 4))).message())
                .isEqualTo("1 old replicas are pending termination");
        assertThat(RolloutStatus.of(deployment(2, Map.of("observedGeneration", 2, "updatedReplicas", 3, "replicas", 3,
                "availableReplicas", 2))).message()).isEqualTo("2 of 3 updated replicas are available");
        RolloutStatus done = RolloutStatus.of(deployment(2, Map.of("observedGeneration", 2, "updatedReplicas", 3, "replicas", 3,
                "availableReplicas", 3)));
        assertThat(done.state()).isEqualTo(RolloutStatus.State.DONE);
        RolloutStatus stuck = RolloutStatus.of(deployment(2, Map.of("observedGeneration", 2, "conditions",
                List.of(Map.of("type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded")))));
        assertThat(stuck.state()).isEqualTo(RolloutStatus.State.FAILED);
        assertThat(stuck.message()).startsWith("ProgressDeadlineExceeded");
    }

    @Test
    void statefulSetDaemonSetAndJob() {
        Map<String, Object> sts = Map.of("kind", "StatefulSet", "metadata", Map.of("generation", 1),
                "spec", Map.of("replicas", 2), "status", Map.of("observedGeneration", 1, "readyReplicas", 2,
                        "updatedReplicas", 2, "currentRevision", "a", "updateRevision", "b"));
        assertThat(RolloutStatus.of(sts).state()).isEqualTo(RolloutStatus.State.PROGRESSING);
        Map<String, Object> ds = Map.of("kind", "DaemonSet", "metadata", Map.of("generation", 1),
                "status", Map.of("observedGeneration", 1, "desiredNumberScheduled", 4, "updatedNumberScheduled", 4,
                        "numberAvailable", 4));
        assertThat(RolloutStatus.of(ds).state()).isEqualTo(RolloutStatus.State.DONE);
        Map<String, Object> failedJob = Map.of("kind", "Job", "spec", Map.of(), "status", Map.of("conditions",
                List.of(Map.of("type", "Failed", "status", "True", "reason", "BackoffLimitExceeded"))));
        assertThat(RolloutStatus.of(failedJob).message()).isEqualTo("job failed: BackoffLimitExceeded");
        Map<String, Object> completeJob = Map.of("kind", "Job", "spec", Map.of(), "status", Map.of("succeeded", 1,
                "conditions", List.of(Map.of("type", "Complete", "status", "True"))));
        assertThat(RolloutStatus.of(completeJob).state()).isEqualTo(RolloutStatus.State.DONE);
    }
}
