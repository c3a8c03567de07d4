package dev.slipway.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When an Argo CD Application shows our commit live, read from the Application object (the API's answer
 * and the cluster resource are the same shape: argo-cd {@code pkg/apis/application/v1alpha1/types.go}).
 * Live only when {@code status.sync.revision} carries our commit, {@code status.sync.status} is
 * {@code Synced}, {@code status.health.status} is {@code Healthy} and {@code status.operationState.phase}
 * is {@code Succeeded}: an older revision that is Synced and Healthy is the stale state a wait must never
 * end on (akuity/kargo #6357, argoproj/argo-cd #12211).
 */
final class ArgoCdRules {
    private static final Set<String> FAILED_PHASES = Set.of("Failed", "Error");

    private ArgoCdRules() {}

    static SyncVerdict evaluate(Map<String, Object> application, String commit, Ancestry ancestry) {
        Map<String, Object> status = map(application.get("status"));
        Map<String, Object> sync = map(status.get("sync"));
        Map<String, Object> health = map(status.get("health"));
        Map<String, Object> operation = map(status.get("operationState"));
        String revision = revision(sync);
        String syncStatus = text(sync.get("status"), "Unknown");
        String healthStatus = text(health.get("status"), "Unknown");
        String phase = text(operation.get("phase"), "");
        String summary = syncStatus + "/" + healthStatus + (phase.isEmpty() ? "" : "/" + phase);
        String operationMessage = text(operation.get("message"), "");
        String operationRevision = text(map(operation.get("syncResult")).get("revision"),
                text(map(map(operation.get("operation")).get("sync")).get("revision"), ""));

        if (revision.isEmpty()) {
            return SyncVerdict.waiting("", summary, "Argo CD reports no sync revision yet (" + summary + ")");
        }
        boolean ours = ancestry.carries(revision, commit);
        boolean operationOurs = !operationRevision.isEmpty() && ancestry.carries(operationRevision, commit);
        if (FAILED_PHASES.contains(phase) && (ours || operationOurs)) {
            String why = operationMessage.isEmpty() ? "no message" : operationMessage;
            return SyncVerdict.failed(revision, summary, "OutOfSync".equals(syncStatus)
                    ? "OutOfSync: the sync of " + abbreviate(operationOurs ? operationRevision : revision) + " failed: " + why
                    : "sync " + phase.toLowerCase(java.util.Locale.ROOT) + ": " + why);
        }
        if (!ours) {
            return SyncVerdict.waiting(revision, summary, "Argo CD shows revision " + abbreviate(revision) + " (" + summary
                    + "), which does not carry " + abbreviate(commit));
        }
        boolean terminal = "Succeeded".equals(phase);
        if ("Degraded".equals(healthStatus) && "Synced".equals(syncStatus) && terminal) {
            String message = text(health.get("message"), "");
            return SyncVerdict.failed(revision, summary, "Degraded" + (message.isEmpty() ? "" : ": " + message));
        }
        if ("Synced".equals(syncStatus) && "Healthy".equals(healthStatus) && terminal) {
            return SyncVerdict.live(revision, summary, "revision " + abbreviate(revision) + " is Synced and Healthy");
        }
        String pending = !"Synced".equals(syncStatus) ? "sync is " + syncStatus
                : phase.isEmpty() ? "no sync operation recorded yet"
                : !terminal ? "sync operation is " + phase
                : "health is " + healthStatus;
        return SyncVerdict.waiting(revision, summary, "revision " + abbreviate(revision) + ": " + pending);
    }

    /** Single source: {@code sync.revision}; multi-source applications report {@code sync.revisions[]}. */
    private static String revision(Map<String, Object> sync) {
        String single = text(sync.get("revision"), "");
        if (!single.isEmpty()) {
            return single;
        }
        if (sync.get("revisions") instanceof List<?> revisions) {
            for (Object candidate : revisions) {
                if (candidate instanceof String value && value.matches("[0-9a-fA-F]{40}")) {
                    return value;
                }
            }
        }
        return "";
    }

    static String abbreviate(String revision) {
        return revision != null && revision.matches("[0-9a-fA-F]{12,}") ? revision.substring(0, 12) : String.valueOf(revision);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static String text(Object value, String fallback) {
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
    }
}
