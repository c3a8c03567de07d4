package dev.slipway.sync;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a Flux Kustomization or HelmRelease shows our commit live (kustomize-controller
 * {@code docs/spec/v1/kustomizations.md}, helm-controller {@code docs/spec/v2/helmreleases.md}): the applied
 * revision ({@code main@sha1:<sha>}, older {@code main/<sha>}) carries our commit and condition
 * {@code Ready} is {@code True}. {@code Ready=False} for an attempt at our revision (not while
 * {@code Reconciling}), or {@code Stalled=True}, is a failure with Flux's reason and message.
 */
final class FluxRules {
    private static final Pattern SHA = Pattern.compile("(?:sha1:|/|\\+|^)([0-9a-fA-F]{7,40})$");

    private FluxRules() {}

    static SyncVerdict evaluate(Map<String, Object> object, String commit, Ancestry ancestry) {
        String kind = ArgoCdRules.text(object.get("kind"), "Kustomization");
        Map<String, Object> status = ArgoCdRules.map(object.get("status"));
        long generation = number(ArgoCdRules.map(object.get("metadata")).get("generation"), 0);
        long observed = number(status.get("observedGeneration"), -1);
        String applied = ArgoCdRules.text(status.get("lastAppliedRevision"), "");
        String attempted = ArgoCdRules.text(status.get("lastAttemptedRevision"), "");
        if (applied.isEmpty() && "HelmRelease".equals(kind) && status.get("history") instanceof List<?> history
                && !history.isEmpty()) {
            // helm-controller v2 records releases in history; a chart from Git carries the commit in its version
            applied = ArgoCdRules.text(ArgoCdRules.map(history.get(0)).get("chartVersion"), "");
        }
        Map<String, Object> ready = condition(status, "Ready");
        Map<String, Object> stalled = condition(status, "Stalled");
        Map<String, Object> reconciling = condition(status, "Reconciling");
        String readyStatus = ArgoCdRules.text(ready.get("status"), "Unknown");
        String reason = ArgoCdRules.text(ready.get("reason"), "");
        String message = ArgoCdRules.text(ready.get("message"), "");
        String summary = "Ready=" + readyStatus + (reason.isEmpty() ? "" : " (" + reason + ")");
        boolean appliedOurs = carries(applied, commit, ancestry);
        boolean attemptedOurs = carries(attempted, commit, ancestry);

        if ("True".equals(ArgoCdRules.text(stalled.get("status"), "")) && (attemptedOurs || appliedOurs || attempted.isEmpty())) {
            return SyncVerdict.failed(applied, "Stalled", kind + " is stalled: "
                    + ArgoCdRules.text(stalled.get("reason"), "") + " " + ArgoCdRules.text(stalled.get("message"), ""));
        }
        if (observed >= 0 && observed < generation) {
            return SyncVerdict.waiting(applied, summary, "Flux has not observed generation " + generation + " yet");
        }
        if ("False".equals(readyStatus) && attemptedOurs && !"True".equals(ArgoCdRules.text(reconciling.get("status"), ""))
                && !"Progressing".equals(reason) && !"ProgressingWithRetry".equals(reason)) {
            return SyncVerdict.failed(attempted, summary, reason + (message.isEmpty() ? "" : ": " + message));
        }
        if (!appliedOurs) {
            return SyncVerdict.waiting(applied, summary, applied.isEmpty() ? "Flux has applied no revision yet (" + summary + ")"
                    : "Flux applied " + applied + " (" + summary + "), which does not carry " + ArgoCdRules.abbreviate(commit));
        }
        if ("True".equals(readyStatus)) {
            return SyncVerdict.live(applied, summary, "applied " + applied + " and Ready");
        }
        return SyncVerdict.waiting(applied, summary, "applied " + applied + ", " + summary
                + (message.isEmpty() ? "" : ": " + message));
    }

    /** The commit named by a Flux revision string, or the empty string. */
    static String commitOf(String revision) {
        Matcher matcher = SHA.matcher(revision == null ? "" : revision.trim());
        return matcher.find() ? matcher.group(1) : "";
    }

    private static boolean carries(String revision, String commit, Ancestry ancestry) {
        String sha = commitOf(revision);
        return !sha.isEmpty() && ancestry.carries(sha, commit);
    }

    private static Map<String, Object> condition(Map<String, Object> status, String type) {
        if (status.get("conditions") instanceof List<?> conditions) {
            for (Object candidate : conditions) {
                Map<String, Object> condition = ArgoCdRules.map(candidate);
                if (type.equals(condition.get("type"))) {
                    return condition;
                }
            }
        }
        return Map.of();
    }

    private static long number(Object value, long fallback) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? fallback : Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
