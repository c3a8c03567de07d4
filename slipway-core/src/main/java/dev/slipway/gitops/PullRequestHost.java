package dev.slipway.gitops;

import dev.slipway.support.InvalidInputException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where pull requests for a GitOps repository are opened: GitHub (or GitHub Enterprise) or Azure DevOps,
 * recognised from the repository URL, with the REST API base overridable (Enterprise servers, tests).
 */
public sealed interface PullRequestHost {

    /** @param apiBase {@code https://api.github.com} or {@code https://ghe.example/api/v3} */
    record GitHub(URI apiBase, String owner, String repository) implements PullRequestHost { }

    /** @param apiBase {@code https://dev.azure.com} (the organization follows in the path) */
    record AzureDevOps(URI apiBase, String organization, String project, String repository) implements PullRequestHost { }

    Pattern GITHUB_HTTPS = Pattern.compile("https?://(?:[^@/]+@)?([^/]+)/([^/]+)/([^/]+?)(?:\\.git)?/?");
    Pattern GITHUB_SSH = Pattern.compile("(?:ssh://)?git@([^:/]+)[:/]([^/]+)/([^/]+?)(?:\\.git)?/?");
    Pattern AZURE_HTTPS = Pattern.compile("https://(?:[^@/]+@)?dev\\.azure\\.com/([^/]+)/([^/]+)/_git/([^/]+?)/?");
    Pattern AZURE_VISUALSTUDIO = Pattern.compile("https://([^.@/]+)\\.visualstudio\\.com/(?:DefaultCollection/)?([^/]+)/_git/([^/]+?)/?");
    Pattern AZURE_SSH = Pattern.compile("(?:ssh://)?git@ssh\\.dev\\.azure\\.com:(?:22/)?v3/([^/]+)/([^/]+)/([^/]+?)/?");

    /**
     * Recognises the host of {@code repositoryUrl}. {@code apiBase} overrides the REST API base URL; with
     * it, a URL that is neither github.com nor Azure DevOps is taken as GitHub Enterprise when {@code kind}
     * says {@code github}, as Azure DevOps Server when it says {@code azure-devops}.
     */
    static PullRequestHost of(String repositoryUrl, String kind, String apiBase) {
        String url = repositoryUrl.trim();
        String hint = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = AZURE_HTTPS.matcher(url)).matches() || (m = AZURE_SSH.matcher(url)).matches()
                || (m = AZURE_VISUALSTUDIO.matcher(url)).matches()) {
            return new AzureDevOps(base(apiBase, "https://dev.azure.com"), m.group(1), m.group(2), m.group(3));
        }
        boolean github = hint.equals("github") || url.contains("github.com");
        if (github && ((m = GITHUB_HTTPS.matcher(url)).matches() || (m = GITHUB_SSH.matcher(url)).matches())) {
            String host = m.group(1);
            String defaultApi = host.equalsIgnoreCase("github.com") ? "https://api.github.com" : "https://" + host + "/api/v3";
            return new GitHub(base(apiBase, defaultApi), m.group(2), m.group(3));
        }
        if (hint.equals("azure-devops")) {
            Matcher generic = Pattern.compile("https?://[^/]+/(?:[^/]+/)?([^/]+)/([^/]+)/_git/([^/]+?)/?").matcher(url);
            if (generic.matches()) {
                return new AzureDevOps(base(apiBase, null), generic.group(1), generic.group(2), generic.group(3));
            }
        }
        throw new InvalidInputException("pullRequest", "cannot tell which service hosts " + url
                + " (pull requests work with GitHub and Azure DevOps)",
                "use a github.com or dev.azure.com URL, or set the pull-request host kind (github, azure-devops) and its API URL");
    }

    private static URI base(String override, String fallback) {
        String chosen = override == null || override.isBlank() ? fallback : override;
        if (chosen == null) {
            throw new InvalidInputException("pullRequestApiUrl", "an Azure DevOps Server needs its API URL",
                    "set the collection URL, e.g. https://ado.example/tfs/DefaultCollection");
        }
        return URI.create(chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen);
    }
}
