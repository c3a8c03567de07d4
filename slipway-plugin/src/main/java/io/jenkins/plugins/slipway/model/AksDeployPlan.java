package io.jenkins.plugins.slipway.model;

import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code aksDeploy} as an engine call: settings → {@link DeployRequest}, {@link DeployResult} → the step's map. */
public final class AksDeployPlan {
    /** Keys of the map {@code aksDeploy} returns. */
    public static final String RESULT_OBJECTS = "objects";
    public static final String RESULT_SUMMARY = "summary";
    public static final String RESULT_ROLLED_OUT = "rolledOut";
    public static final String RESULT_MESSAGE = "message";

    private AksDeployPlan() {
    }

    /** Manifest paths written as one string: separated by commas or new lines (a path may contain spaces). */
    public static List<String> splitManifests(String value) {
        if (value == null) {
            return List.of();
        }
        return StepValues.list(List.of(value.split("[,\\r\\n]+")));
    }

    /** The settings checked before anything is sent anywhere. */
    public static AksDeploySettings validated(AksDeploySettings settings) {
        if (settings.manifests().isEmpty()) {
            throw new InvalidInputException("manifests", "is empty",
                    "give the manifests to apply: files, folders, globs or kustomize folders in the workspace");
        }
        if (settings.prune() && settings.applySet() == null) {
            throw new InvalidInputException("applySet", "prune needs the name of the set it prunes within",
                    "give applySet, a name for this application's set of objects (e.g. the app name)");
        }
        images(settings);
        timeout(settings.timeout());
        settings.cluster().validated();
        return settings;
    }

    public static List<ImageRef> images(AksDeploySettings settings) {
        return settings.images().stream().map(image -> ImageRef.parse("images", image)).toList();
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT5M}); {@code null} for the default. */
    public static Duration timeout(String text) {
        if (text == null) {
            return DeployRequest.DEFAULT_TIMEOUT;
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (value.matches("\\d{1,9}(ms|s|m|h)")) {
                long amount = Long.parseLong(value.replaceAll("\\D", ""));
                duration = value.endsWith("ms") ? Duration.ofMillis(amount) : value.endsWith("s")
                        ? Duration.ofSeconds(amount) : value.endsWith("m") ? Duration.ofMinutes(amount)
                        : Duration.ofHours(amount);
            } else {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidInputException("timeout", "'" + text + "' is not a positive duration",
                        "write e.g. 90s, 5m or 1h");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("timeout", "'" + text + "' is not a duration", "write e.g. 90s, 5m or 1h");
        }
    }

    /** @param cluster what the controller resolved for the agent (a kubeconfig, never an Azure identity) */
    public static DeployRequest deployRequest(AksDeploySettings settings, ClusterAccess cluster, Provenance provenance) {
        validated(settings);
        return new DeployRequest(settings.manifests(), images(settings), cluster, settings.namespace(), settings.plan(),
                settings.serverDryRun(), settings.force(), settings.prune(), settings.rollback(),
                settings.allowDowngrade(), timeout(settings.timeout()), provenance, settings.applySet(), null);
    }

    /**
     * {@code objects}: one line per object ({@code Deployment shop/web configured}); {@code summary}: counts by what
     * happened ({@code 1 created, 2 configured, 1 unchanged}); {@code rolledOut}: {@code true} or {@code false} (a plan
     * or dry run rolls nothing out); {@code message}: the rollout's outcome in one line.
     */
    public static Map<String, String> stepResult(DeployResult result) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(RESULT_OBJECTS, result.objects().stream().map(AksDeployPlan::line).collect(Collectors.joining("\n")));
        Map<DeployResult.Action, Long> counts = result.objects().stream()
                .collect(Collectors.groupingBy(DeployResult.AppliedObject::action, LinkedHashMap::new,
                        Collectors.counting()));
        map.put(RESULT_SUMMARY, counts.isEmpty() ? "no objects" : counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + words(e.getKey())).collect(Collectors.joining(", ")));
        map.put(RESULT_ROLLED_OUT, Boolean.toString(result.rolledOut()));
        map.put(RESULT_MESSAGE, result.message() == null ? "" : result.message());
        return map;
    }

    private static String line(DeployResult.AppliedObject object) {
        String where = object.namespace() == null || object.namespace().isEmpty() ? object.name()
                : object.namespace() + "/" + object.name();
        return object.kind() + " " + where + " " + words(object.action());
    }

    private static String words(DeployResult.Action action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
