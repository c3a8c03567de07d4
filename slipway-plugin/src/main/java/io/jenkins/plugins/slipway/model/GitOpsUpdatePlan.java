package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.Change;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.gitops.UpdateSpec;
import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gitopsUpdate} as an engine call: the step's settings with the resolved Git credential become a
 * {@link GitOpsUpdateRequest}; the result becomes the step's return value. Plain code, tested without Jenkins.
 */
public final class GitOpsUpdatePlan {
    /** Keys of the map {@code gitopsUpdate} returns (all strings; empty when not applicable). */
    public static final String RESULT_COMMIT = "commit";
    public static final String RESULT_PR_URL = "prUrl";
    public static final String RESULT_PR_NUMBER = "prNumber";
    public static final String RESULT_CHANGED = "changed";
    public static final String RESULT_UP_TO_DATE = "upToDate";
    public static final String RESULT_DELIVERY_ID = "deliveryId";

    private GitOpsUpdatePlan() {
    }

    /**
     * The engine request.
     *
     * @param auth             the Git credential, resolved on the controller
     * @param pullRequestToken the pull-request API token, or {@code null} for the Git password
     */
    public static GitOpsUpdateRequest request(GitOpsUpdateSettings settings, GitAuth auth, Secret pullRequestToken,
            Provenance provenance) {
        String repository = repository(settings.repository());
        ImageRef image = image(settings.image());
        GitOpsUpdateRequest.Pin pin = settings.pin() == null ? GitOpsUpdateRequest.Pin.DEFAULT
                : UpdateSpec.parsePin("pin", settings.pin());
        GitOpsUpdateRequest.PullRequestOptions pullRequest = null;
        if (settings.pullRequest()) {
            pullRequest = new GitOpsUpdateRequest.PullRequestOptions(pullRequestHost(settings.pullRequestHost()),
                    settings.pullRequestApiUrl(), pullRequestToken);
        } else if (settings.pullRequestCredentialsId() != null || settings.pullRequestHost() != null
                || settings.pullRequestApiUrl() != null) {
            throw new InvalidInputException("pullRequest", "pull-request settings are given but pullRequest is off",
                    "set pullRequest: true to open a pull request, or remove the pull-request settings");
        }
        return new GitOpsUpdateRequest(repository, settings.branch() == null ? "main" : settings.branch(),
                settings.path() == null ? "" : settings.path(), List.of(image), pin, Map.of(), Map.of(), auth,
                settings.message(), settings.author(), pullRequest, settings.allowDowngrade(), provenance);
    }

    /** The repository URL, checked for a scheme Git can push to. */
    public static String repository(String value) {
        String url = StepValues.text(value);
        if (url == null) {
            throw new InvalidInputException("repository", "is empty",
                    "give the https://, ssh://, git:// or file:// URL of the GitOps repository");
        }
        if (!url.matches("(?i)(https?|ssh|git|file)://.+") && !url.matches("^[\\w.-]+@[\\w.-]+:.+")) {
            throw new InvalidInputException("repository", "'" + url + "' is not a Git URL",
                    "give an https://, ssh://, git:// or file:// URL (or user@host:path for SSH)");
        }
        if (url.matches("(?i)https?://[^/@]*:[^/@]*@.*")) {
            // a password in the URL would show in logs, commit trailers and the record
            throw new InvalidInputException("repository", "the URL carries a password",
                    "remove user:password@ from the URL and give a Git credential in credentialsId");
        }
        return url;
    }

    /** The new image: a digest is required, so the commit names exactly what was built. */
    public static ImageRef image(String value) {
        String text = StepValues.text(value);
        if (text == null) {
            throw new InvalidInputException("image", "is empty",
                    "give the image by digest, e.g. the 'image' value acrBuild returns (repository@sha256:…)");
        }
        ImageRef image = ImageRef.parse("image", text);
        if (image.digest().isEmpty()) {
            throw new InvalidInputException("image", "'" + text + "' has no digest",
                    "give the image by digest (repository[:tag]@sha256:…), e.g. the 'image' value acrBuild returns");
        }
        return image;
    }

    private static String pullRequestHost(String host) {
        if (host == null) {
            return null;
        }
        String kind = host.strip().toLowerCase(java.util.Locale.ROOT);
        if (!kind.equals("github") && !kind.equals("azure-devops")) {
            throw new InvalidInputException("pullRequestHost", "'" + host + "' is not a pull-request host",
                    "use github or azure-devops (or leave it empty to tell from the repository URL)");
        }
        return kind;
    }

    /** What the step returns. */
    public static Map<String, String> stepResult(GitOpsUpdateResult result, String deliveryId) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(RESULT_COMMIT, orEmpty(result.commit()));
        map.put(RESULT_PR_URL, orEmpty(result.pullRequestUrl()));
        map.put(RESULT_PR_NUMBER, result.pullRequestNumber() == null ? "" : result.pullRequestNumber().toString());
        map.put(RESULT_CHANGED, changed(result.changes()));
        map.put(RESULT_UP_TO_DATE, Boolean.toString(result.upToDate()));
        map.put(RESULT_DELIVERY_ID, orEmpty(deliveryId));
        return map;
    }

    /** {@code apps/shop/kustomization.yaml (1), apps/shop/web.yaml (2)}: files in order, with their change count. */
    public static String changed(List<Change> changes) {
        Map<String, Integer> perFile = new LinkedHashMap<>();
        for (Change change : changes) {
            perFile.merge(change.location(), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        perFile.forEach((file, count) -> text.append(text.length() == 0 ? "" : ", ").append(file).append(" (")
                .append(count).append(')'));
        return text.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
