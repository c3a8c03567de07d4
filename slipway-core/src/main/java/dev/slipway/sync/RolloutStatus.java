package dev.slipway.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a workload finished rolling out, read from its status as {@code kubectl rollout status} reads
 * it: Deployment, StatefulSet, DaemonSet (observedGeneration, updated/ready/available replicas, the
 * progress-deadline condition) and Job (Complete/Failed conditions). Other kinds are done once applied.
 *
 * @param state   where the rollout is
 * @param message one line for the user, e.g. {@code 2 of 3 updated replicas are available}
 * @param done    replicas (or pods) that are done, -1 when not counted
 * @param total   replicas wanted, -1 when not counted
 */
public record RolloutStatus(State state, String message, long done, long total) {

    public enum State { PROGRESSING, DONE, FAILED }

    static RolloutStatus progressing(String message, long done, long total) {
        return new RolloutStatus(State.PROGRESSING, message, done, total);
    }

    /** Evaluates a workload object (as JSON maps). */
    public static RolloutStatus of(Map<String, Object> object) {
        String kind = String.valueOf(object.get("kind"));
        Map<String, Object> metadata = map(object.get("metadata"));
        Map<String, Object> spec = map(object.get("spec"));
        Map<String, Object> status = map(object.get("status"));
        long generation = number(metadata.get("generation"), 0);
        long observed = number(status.get("observedGeneration"), -1);
        return switch (kind) {
            case "Deployment" -> deployment(spec, status, generation, observed);
            case "StatefulSet" -> statefulSet(spec, status, generation, observed);
            case "DaemonSet" -> daemonSet(status, generation, observed);
            case "Job" -> job(spec, status);
            default -> new RolloutStatus(State.DONE, kind + " applied", -1, -1);
        };
    }

    private static RolloutStatus deployment(Map<String, Object> spec, Map<String, Object> status, long generation,
            long observed) {
        long replicas = number(spec.get("replicas"), 1);
        if (observed < generation) {
            return progressing("waiting for the deployment controller to observe generation " + generation, 0, replicas);
        }
        for (Map<String, Object> condition : conditions(status)) {
            if ("Progressing".equals(condition.get("type")) && "ProgressDeadlineExceeded".equals(condition.get("reason"))) {
                return new RolloutStatus(State.FAILED, "ProgressDeadlineExceeded: the rollout made no progress within"
                        + " spec.progressDeadlineSeconds", number(status.get("availableReplicas"), 0), replicas);
            }
        }
        long updated = number(status.get("updatedReplicas"), 0);
        long current = number(status.get("replicas"), 0);
        long available = number(status.get("availableReplicas"), 0);
        if (updated < replicas) {
            return progressing(updated + " of " + replicas + " new replicas have been updated", updated, replicas);
        }
        if (current > updated) {
            return progressing((current - updated) + " old replicas are pending termination", updated, replicas);
        }
        if (available < updated) {
            return progressing(available + " of " + updated + " updated replicas are available", available, replicas);
        }
        return new RolloutStatus(State.DONE, "rolled out: " + available + " of " + replicas + " replicas available",
                available, replicas);
    }

    private static RolloutStatus statefulSet(Map<String, Object> spec, Map<String, Object> status, long generation,
            long observed) {
        long replicas = number(spec.get("replicas"), 1);
        if (observed < generation) {
            return progressing("waiting for the statefulset controller to observe generation " + generation, 0, replicas);
        }
        Map<String, Object> strategy = map(spec.get("updateStrategy"));
        if (strategy.get("type") != null && !"RollingUpdate".equals(strategy.get("type"))) {
            return new RolloutStatus(State.DONE, "update strategy " + strategy.get("type") + ": nothing to wait for", -1, -1);
        }
        long ready = number(status.get("readyReplicas"), 0);
        if (ready < replicas) {
            return progressing(ready + " of " + replicas + " pods are ready", ready, replicas);
        }
        long partition = number(map(strategy.get("rollingUpdate")).get("partition"), 0);
        long updated = number(status.get("updatedReplicas"), 0);
        if (partition > 0) {
            if (updated < replicas - partition) {
                return progressing(updated + " of " + (replicas - partition) + " pods updated (partition " + partition + ")",
                        updated, replicas - partition);
            }
            return new RolloutStatus(State.DONE, "partitioned roll out complete: " + updated + " new pods", updated, replicas);
        }
        if (!Objects.equals(status.get("updateRevision"), status.get("currentRevision"))) {
            return progressing(updated + " of " + replicas + " pods run the update revision", updated, replicas);
        }
        return new RolloutStatus(State.DONE, "rolled out: " + ready + " of " + replicas + " pods ready", ready, replicas);
    }

    private static RolloutStatus daemonSet(Map<String, Object> status, long generation, long observed) {
        long desired = number(status.get("desiredNumberScheduled"), 0);
        if (observed < generation) {
            return progressing("waiting for the daemonset controller to observe generation " + generation, 0, desired);
        }
        long updated = number(status.get("updatedNumberScheduled"), 0);
        if (updated < desired) {
            return progressing(updated + " of " + desired + " updated pods are scheduled", updated, desired);
        }
        long available = number(status.get("numberAvailable"), 0);
        if (available < desired) {
            return progressing(available + " of " + desired + " updated pods are available", available, desired);
        }
        return new RolloutStatus(State.DONE, "rolled out: " + available + " of " + desired + " pods available",
                available, desired);
    }

    private static RolloutStatus job(Map<String, Object> spec, Map<String, Object> status) {
        long completions = number(spec.get("completions"), 1);
        long succeeded = number(status.get("succeeded"), 0);
        for (Map<String, Object> condition : conditions(status)) {
            if ("True".equals(condition.get("status")) && "Complete".equals(condition.get("type"))) {
                return new RolloutStatus(State.DONE, "job complete: " + succeeded + " succeeded", succeeded, completions);
            }
            if ("True".equals(condition.get("status")) && "Failed".equals(condition.get("type"))) {
                return new RolloutStatus(State.FAILED, "job failed: " + condition.get("reason")
                        + (condition.get("message") == null ? "" : ": " + condition.get("message")), succeeded, completions);
            }
        }
        return progressing(succeeded + " of " + completions + " completions", succeeded, completions);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(Map<String, Object> status) {
        return status.get("conditions") instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static long number(Object value, long otherwise) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && s.matches("-?\\d+")) {
            return Long.parseLong(s);
        }
        return otherwise;
    }
}
