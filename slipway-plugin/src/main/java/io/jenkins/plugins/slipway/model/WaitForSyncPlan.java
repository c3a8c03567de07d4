package io.jenkins.plugins.slipway.model;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code waitForSync} as an engine call: settings and resolved credentials become a {@link WaitRequest}; the result
 * becomes the step's return value. Argo CD is read through its API and Flux through the commit statuses its
 * notification-controller posts on the Git host, so no cluster credential is needed on the agent.
 */
public final class WaitForSyncPlan {
    /** Keys of the map {@code waitForSync} returns. */
    public static final String RESULT_STATUS = "status";
    public static final String RESULT_REVISION = "revision";
    public static final String RESULT_COMMIT = "commit";
    public static final String RESULT_MESSAGE = "message";
    public static final String RESULT_LIVE = "live";

    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private WaitForSyncPlan() {
    }

    /**
     * The engine request.
     *
     * @param argoCdToken the Argo CD API token (Argo CD), resolved on the controller
     * @param gitAuth     the Git credential for the repository ({@link GitAuth.None} without one)
     */
    public static WaitRequest request(WaitForSyncSettings settings, Secret argoCdToken, GitAuth gitAuth) {
        String commit = commit(settings.commit());
        boolean argo = settings.argoCdApplication() != null;
        if (argo == (settings.fluxObject() != null)) {
            throw new InvalidInputException("argoCdApplication", argo ? "both an Argo CD application and a Flux object are given"
                    : "neither an Argo CD application nor a Flux object is given",
                    "name exactly one: argoCdApplication (with argoCdServer) or fluxObject (with repository)");
        }
        GitAuth auth = gitAuth == null ? new GitAuth.None() : gitAuth;
        Secret gitToken = auth instanceof GitAuth.UsernamePassword basic ? basic.password() : null;
        WaitRequest.GitRepository repository = settings.repository() == null ? null
                : new WaitRequest.GitRepository(settings.repository(), settings.branch() == null ? "main" : settings.branch(),
                        auth, gitHost(settings.gitHost()), settings.gitApiUrl(), gitToken);
        if (settings.repository() == null && (settings.gitCredentialsId() != null || settings.gitHost() != null
                || settings.gitApiUrl() != null || settings.branch() != null)) {
            throw new InvalidInputException("repository", "Git settings are given without the repository",
                    "give the GitOps repository URL, or remove the Git settings");
        }
        Integer pullRequest = pullRequest(settings.pullRequest());
        if (pullRequest != null && (repository == null || gitToken == null)) {
            throw new InvalidInputException("pullRequest", "waiting for a pull request's merge needs the repository and a token",
                    "give repository and gitCredentialsId (a token that can read pull requests)");
        }
        WaitRequest.Source source;
        String application;
        if (argo) {
            source = WaitRequest.Source.ARGOCD_API;
            application = settings.argoCdApplication();
            if (settings.argoCdServer() == null || !settings.argoCdServer().matches("(?i)https?://.+")) {
                throw new InvalidInputException("argoCdServer", settings.argoCdServer() == null ? "is empty"
                        : "'" + settings.argoCdServer() + "' is not an http(s) URL", "give the Argo CD server URL, e.g. https://argocd.example.com");
            }
            if (argoCdToken == null) {
                throw new InvalidInputException("argoCdCredentialsId", "is empty",
                        "give a secret text credential holding a read-only Argo CD API token");
            }
        } else {
            source = WaitRequest.Source.FLUX_GIT_STATUS;
            application = settings.fluxObject();
            if (repository == null || gitToken == null) {
                throw new InvalidInputException("fluxObject", "Flux is watched through the Git host's commit statuses,"
                        + " which needs the repository and a token", "give repository and gitCredentialsId (a token that can read commit statuses)");
            }
        }
        return new WaitRequest(source, application, commit, argo ? settings.argoCdServer() : null, argo ? argoCdToken : null,
                null, settings.refresh(), duration("timeout", settings.timeout()), duration("pollInterval",
                        settings.pollInterval()), repository, pullRequest, null);
    }

    /** What the step returns. */
    public static Map<String, String> stepResult(WaitResult result) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(RESULT_STATUS, orEmpty(result.status()));
        map.put(RESULT_REVISION, orEmpty(result.revision()));
        map.put(RESULT_COMMIT, orEmpty(result.commit()));
        map.put(RESULT_MESSAGE, orEmpty(result.message()));
        map.put(RESULT_LIVE, Boolean.toString(result.live()));
        return map;
    }

    /** A full or abbreviated commit id (7 to 64 hex digits). */
    public static String commit(String value) {
        String commit = StepValues.text(value);
        if (commit == null) {
            throw new InvalidInputException("commit", "is empty", "give the GitOps commit, e.g. the 'commit' value gitopsUpdate returns");
        }
        if (!commit.matches("[0-9a-fA-F]{7,64}")) {
            throw new InvalidInputException("commit", "'" + commit + "' is not a commit id",
                    "give the commit id (hex), e.g. the 'commit' value gitopsUpdate returns");
        }
        return commit.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}; {@code null} for the engine's default. A bare number
     * is refused, since seconds and minutes are both plausible.
     */
    public static Duration duration(String field, String value) {
        String text = StepValues.text(value);
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT).replace(" ", "");
        Matcher parts = DURATION_PART.matcher(lower);
        Duration total = Duration.ZERO;
        int end = 0;
        while (parts.find() && parts.start() == end) {
            long amount = Long.parseLong(parts.group(1));
            total = total.plus(switch (parts.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = parts.end();
        }
        if (end != lower.length() || end == 0 || total.isZero()) {
            throw new InvalidInputException(field, "'" + text + "' is not a duration",
                    "write e.g. 90s, 10m or 1h30m (units ms, s, m, h)");
        }
        return total;
    }

    private static Integer pullRequest(String value) {
        String text = StepValues.text(value);
        if (text == null) {
            return null;
        }
        if (!text.matches("#?\\d{1,9}")) {
            throw new InvalidInputException("pullRequest", "'" + text + "' is not a pull request number",
                    "give the number, e.g. the 'prNumber' value gitopsUpdate returns");
        }
        int number = Integer.parseInt(text.startsWith("#") ? text.substring(1) : text);
        return number == 0 ? null : number;
    }

    private static String gitHost(String host) {
        if (host == null) {
            return null;
        }
        String kind = host.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("github") && !kind.equals("azure-devops")) {
            throw new InvalidInputException("gitHost", "'" + host + "' is not a Git host kind",
                    "use github or azure-devops (or leave it empty to tell from the repository URL)");
        }
        return kind;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
