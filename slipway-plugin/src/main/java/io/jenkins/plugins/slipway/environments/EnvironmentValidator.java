package io.jenkins.plugins.slipway.environments;

import dev.slipway.support.InvalidInputException;
import io.jenkins.plugins.slipway.model.StepValues;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks environment and delivery fields as an administrator or a job's author types them (one method per field, for
 * the forms' {@code doCheck*}) and a whole environment or list of environments (for saving and Configuration as
 * Code). Every problem names its field, what is wrong and the fix.
 */
public final class EnvironmentValidator {
    public static final int MAX_WAIT_TIMEOUT_MINUTES = 24 * 60;
    /** Keys of {@code gitTargets}, as the engine's Helm values update takes them. */
    public static final Set<String> GIT_TARGET_KEYS = Set.of("files", "repository", "tag", "digest", "image");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");
    private static final Pattern JOB_PATTERN = Pattern.compile("[^/\\s][^\\s]*");

    private EnvironmentValidator() {
    }

    public static FieldCheck checkName(String value) {
        String name = StepValues.text(value);
        if (name == null) {
            return FieldCheck.error("name", "the name is empty", "give the environment a name such as dev, staging or prod");
        }
        if (!NAME.matcher(name).matches()) {
            return FieldCheck.error("name", "'" + name + "' is not a valid environment name",
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters");
        }
        return FieldCheck.ok("name");
    }

    public static FieldCheck checkMode(String value) {
        try {
            DeliveryMode.parse("mode", value);
            return FieldCheck.ok("mode");
        } catch (InvalidInputException e) {
            return FieldCheck.error("mode", e.getMessage(), e.fix());
        }
    }

    public static FieldCheck checkRegistry(String value) {
        String registry = StepValues.text(value);
        if (registry == null) {
            return FieldCheck.ok("registry");
        }
        if (registry.contains("://")) {
            return FieldCheck.error("registry", "'" + registry + "' has a scheme",
                    "give the host only, e.g. shop.azurecr.io (HTTPS is used)");
        }
        if (!REGISTRY.matcher(registry).matches()) {
            return FieldCheck.error("registry", "'" + registry + "' is not a registry host",
                    "give host or host:port without a path, e.g. shop.azurecr.io");
        }
        return FieldCheck.ok("registry");
    }

    public static FieldCheck checkSubscriptionId(String value) {
        String id = StepValues.text(value);
        if (id != null && !GUID.matcher(id).matches()) {
            return FieldCheck.error("subscriptionId", "'" + id + "' is not a subscription id",
                    "give the subscription's id (a GUID such as 00000000-0000-0000-0000-000000000000), not its name");
        }
        return FieldCheck.ok("subscriptionId");
    }

    public static FieldCheck checkGitRepository(String value) {
        String url = StepValues.text(value);
        if (url == null || SCP_LIKE.matcher(url).matches()) {
            return FieldCheck.ok("gitRepository");
        }
        String scheme = schemeOf(url);
        if (scheme == null || !Set.of("https", "http", "ssh", "git", "file").contains(scheme)) {
            return FieldCheck.error("gitRepository", "'" + url + "' is not a Git repository URL",
                    "give an https://, ssh://, git:// or file:// URL, or user@host:path");
        }
        return FieldCheck.ok("gitRepository");
    }

    public static FieldCheck checkGitTargets(String value) {
        Map<String, String> targets;
        try {
            targets = StepValues.pairs("gitTargets", value);
        } catch (InvalidInputException e) {
            return FieldCheck.error("gitTargets", e.getMessage(), e.fix());
        }
        for (String key : targets.keySet()) {
            if (!GIT_TARGET_KEYS.contains(key)) {
                return FieldCheck.error("gitTargets", "'" + key + "' is not a target",
                        "use files, repository, tag, digest or image, e.g. tag=image.tag");
            }
        }
        return FieldCheck.ok("gitTargets");
    }

    public static FieldCheck checkArgoCdServer(String value) {
        String url = StepValues.text(value);
        if (url == null) {
            return FieldCheck.ok("argoCdServer");
        }
        String scheme = schemeOf(url);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            return FieldCheck.error("argoCdServer", "'" + url + "' is not an http(s) URL",
                    "give the Argo CD server's URL, e.g. https://argocd.example.com");
        }
        return FieldCheck.ok("argoCdServer");
    }

    public static FieldCheck checkWaitFor(String value) {
        try {
            WaitFor.parse("waitFor", value);
            return FieldCheck.ok("waitFor");
        } catch (InvalidInputException e) {
            return FieldCheck.error("waitFor", e.getMessage(), e.fix());
        }
    }

    public static FieldCheck checkWaitTimeoutMinutes(String value) {
        String text = StepValues.text(value);
        if (text == null) {
            return FieldCheck.ok("waitTimeoutMinutes");
        }
        try {
            int minutes = Integer.parseInt(text);
            if (minutes >= 1 && minutes <= MAX_WAIT_TIMEOUT_MINUTES) {
                return FieldCheck.ok("waitTimeoutMinutes");
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return FieldCheck.error("waitTimeoutMinutes", "'" + text + "' is not a number of minutes",
                "give whole minutes from 1 to " + MAX_WAIT_TIMEOUT_MINUTES + ", or leave it empty for the default");
    }

    /** Patterns one per line (or separated by commas). */
    public static FieldCheck checkAllowedJobs(String value) {
        List<String> patterns = splitPatterns(value);
        if (patterns.isEmpty()) {
            return FieldCheck.warning("allowedJobs", "no job may use this environment",
                    "add full job names or patterns such as team-a/** (one per line); ** allows every job");
        }
        for (String pattern : patterns) {
            if (!JOB_PATTERN.matcher(pattern).matches()) {
                return FieldCheck.error("allowedJobs", "'" + pattern + "' is not a job pattern",
                        "write full names without a leading '/' or spaces, e.g. team-a/** or team-a/web");
            }
        }
        return FieldCheck.ok("allowedJobs");
    }

    /** The allowed jobs field as a list: one pattern per line, or separated by commas. */
    public static List<String> splitPatterns(String value) {
        if (value == null) {
            return List.of();
        }
        return StepValues.list(List.of(value.split("[,\\n\\r]+")));
    }

    /** Every problem of one environment: its fields, then what its mode needs. Empty when it is complete. */
    public static List<FieldCheck> validate(EnvironmentSpec environment) {
        DeliverySettings s = environment.settings();
        List<FieldCheck> problems = new ArrayList<>();
        add(problems, checkName(environment.name()));
        add(problems, checkRegistry(s.registry()));
        add(problems, checkSubscriptionId(s.subscriptionId()));
        add(problems, checkGitRepository(s.gitRepository()));
        add(problems, checkGitTargets(s.gitTargets()));
        add(problems, checkArgoCdServer(s.argoCdServer()));
        add(problems, checkWaitTimeoutMinutes(s.waitTimeoutMinutes() == null ? null : s.waitTimeoutMinutes().toString()));
        add(problems, checkAllowedJobs(String.join("\n", environment.allowedJobs())));
        List<String> aks = new ArrayList<>();
        if (s.azureCredentialsId() != null || s.subscriptionId() != null || s.resourceGroup() != null
                || s.clusterName() != null) {
            if (s.azureCredentialsId() == null) aks.add("azureCredentialsId");
            if (s.subscriptionId() == null) aks.add("subscriptionId");
            if (s.resourceGroup() == null) aks.add("resourceGroup");
            if (s.clusterName() == null) aks.add("clusterName");
        }
        if (!aks.isEmpty()) {
            problems.add(FieldCheck.error(aks.get(0), "the AKS cluster lacks " + String.join(", ", aks),
                    "give the Azure credential, subscription id, resource group and cluster name together"));
        }
        if (s.kubeconfigCredentialsId() != null && s.azureCredentialsId() != null) {
            problems.add(FieldCheck.error("kubeconfigCredentialsId", "both a kubeconfig and an AKS cluster are given",
                    "keep one: the kubeconfig credential, or the Azure credential with subscription, resource group and cluster"));
        }
        if (s.mode() == DeliveryMode.PUSH && !s.hasClusterAccess()) {
            problems.add(FieldCheck.error("kubeconfigCredentialsId", "push mode needs a cluster",
                    "give a kubeconfig credential, or an Azure credential with subscription, resource group and cluster"));
        }
        if (s.mode() == DeliveryMode.GITOPS && s.gitRepository() == null) {
            problems.add(FieldCheck.error("gitRepository", "GitOps mode needs a repository",
                    "give the GitOps repository's URL"));
        }
        if ((s.waitFor() == WaitFor.ARGOCD || s.waitFor() == WaitFor.FLUX) && s.waitApplication() == null) {
            problems.add(FieldCheck.error("waitApplication", "waiting for " + s.waitFor().text() + " needs its object",
                    s.waitFor() == WaitFor.ARGOCD ? "give the Argo CD Application's name"
                            : "give the Flux object, e.g. flux-system/apps or HelmRelease/shop/web"));
        }
        return problems;
    }

    /** Every problem of a list of environments: each one's, then names used twice. */
    public static List<FieldCheck> validateAll(List<EnvironmentSpec> environments) {
        List<FieldCheck> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EnvironmentSpec environment : environments) {
            for (FieldCheck problem : validate(environment)) {
                problems.add(new FieldCheck(problem.kind(), problem.field(),
                        "environment '" + environment.name() + "': " + problem.message(), problem.fix()));
            }
            if (environment.name() != null && !seen.add(environment.name().toLowerCase(Locale.ROOT))) {
                problems.add(FieldCheck.error("name", "the name '" + environment.name() + "' is used twice",
                        "give every environment its own name"));
            }
        }
        return problems;
    }

    private static void add(List<FieldCheck> problems, FieldCheck check) {
        if (!check.isOk()) {
            problems.add(check);
        }
    }

    private static String schemeOf(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
