package dev.slipway.sync;

import dev.slipway.gitops.PullRequestHost;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Git host's read side the wait needs: one pull request (GitHub {@code GET /repos/{o}/{r}/pulls/{n}},
 * docs.github.com/rest/pulls/pulls; Azure DevOps 7.1 {@code GET .../pullrequests/{id}}) and a commit's
 * statuses (GitHub {@code GET /repos/{o}/{r}/commits/{sha}/statuses}, docs.github.com/rest/commits/statuses;
 * Azure DevOps {@code GET .../commits/{sha}/statuses}).
 */
final class GitHostApi {
    private static final String AZURE_API_VERSION = "7.1";

    /** A commit status: GitHub {@code context}, or Azure DevOps {@code genre/name}. */
    record CommitStatus(long id, String context, String state, String description) { }

    /** @param mergeCommit the commit the merge made, when merged; {@code closed} without merge when abandoned */
    record PullRequestState(boolean merged, boolean closed, String mergeCommit, String title) { }

    private final JsonApi api;
    private final PullRequestHost host;
    private final Secret token;

    GitHostApi(JsonApi api, PullRequestHost host, Secret token) {
        this.api = api;
        this.host = host;
        this.token = token;
    }

    String describe() {
        return host instanceof PullRequestHost.GitHub g ? "GitHub " + g.owner() + "/" + g.repository()
                : "Azure DevOps " + ((PullRequestHost.AzureDevOps) host).repository();
    }

    PullRequestState pullRequest(int number) throws JsonApi.Unreachable {
        if (host instanceof PullRequestHost.GitHub github) {
            Map<String, Object> pr = get(URI.create(repo(github) + "/pulls/" + number), "pull request #" + number);
            boolean merged = Boolean.TRUE.equals(pr.get("merged"));
            return new PullRequestState(merged, "closed".equals(pr.get("state")),
                    merged ? ArgoCdRules.text(pr.get("merge_commit_sha"), "") : "", ArgoCdRules.text(pr.get("title"), ""));
        }
        PullRequestHost.AzureDevOps azure = (PullRequestHost.AzureDevOps) host;
        Map<String, Object> pr = get(URI.create(repo(azure) + "/pullrequests/" + number + "?api-version=" + AZURE_API_VERSION),
                "pull request " + number);
        String status = ArgoCdRules.text(pr.get("status"), "");
        boolean merged = "completed".equals(status);
        return new PullRequestState(merged, merged || "abandoned".equals(status),
                merged ? ArgoCdRules.text(ArgoCdRules.map(pr.get("lastMergeCommit")).get("commitId"), "") : "",
                ArgoCdRules.text(pr.get("title"), ""));
    }

    List<CommitStatus> statuses(String commit) throws JsonApi.Unreachable {
        if (host instanceof PullRequestHost.GitHub github) {
            Object list = getAny(URI.create(repo(github) + "/commits/" + commit + "/statuses?per_page=100"), "statuses of " + commit);
            return items(list).stream().map(s -> new CommitStatus(number(s.get("id")), ArgoCdRules.text(s.get("context"), ""),
                    ArgoCdRules.text(s.get("state"), ""), ArgoCdRules.text(s.get("description"), ""))).toList();
        }
        PullRequestHost.AzureDevOps azure = (PullRequestHost.AzureDevOps) host;
        Map<String, Object> answer = get(URI.create(repo(azure) + "/commits/" + commit + "/statuses?api-version="
                + AZURE_API_VERSION), "statuses of " + commit);
        return items(answer.get("value")).stream().map(s -> {
            Map<String, Object> context = ArgoCdRules.map(s.get("context"));
            return new CommitStatus(number(s.get("id")), ArgoCdRules.text(context.get("genre"), "") + "/"
                    + ArgoCdRules.text(context.get("name"), ""), ArgoCdRules.text(s.get("state"), ""),
                    ArgoCdRules.text(s.get("description"), ""));
        }).toList();
    }

    private Map<String, Object> get(URI uri, String what) throws JsonApi.Unreachable {
        return ArgoCdRules.map(getAny(uri, what));
    }

    private Object getAny(URI uri, String what) throws JsonApi.Unreachable {
        Map<String, String> headers = host instanceof PullRequestHost.GitHub
                ? Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28",
                        "Authorization", "Bearer " + token.reveal())
                : Map.of("Accept", "application/json", "Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((":" + token.reveal()).getBytes(StandardCharsets.UTF_8)));
        JsonApi.Answer answer = api.get(uri, headers);
        if (answer.status() == 401 || answer.status() == 403 || answer.status() == 203) {
            throw new AuthenticationException(describe() + " refused the token when reading " + what + " (HTTP "
                    + answer.status() + ": " + JsonApi.serviceMessage(answer) + ")",
                    "give a valid token with read access to the repository in SLIPWAY_GIT_TOKEN or a token file");
        }
        if (answer.status() == 404) {
            throw new SyncException(describe() + " has no " + what + " (HTTP 404)",
                    "check the repository URL and number; a private repository also answers 404 to a token that cannot see it");
        }
        if (answer.status() / 100 != 2 || answer.body() == null) {
            throw new SyncException(describe() + " could not answer " + what + " (HTTP " + answer.status() + "): "
                    + JsonApi.serviceMessage(answer), "check the API URL");
        }
        return answer.body();
    }

    private static String repo(PullRequestHost.GitHub github) {
        return github.apiBase() + "/repos/" + encode(github.owner()) + "/" + encode(github.repository());
    }

    private static String repo(PullRequestHost.AzureDevOps azure) {
        return azure.apiBase() + "/" + encode(azure.organization()) + "/" + encode(azure.project())
                + "/_apis/git/repositories/" + encode(azure.repository());
    }

    private static List<Map<String, Object>> items(Object list) {
        return list instanceof List<?> items ? items.stream().map(ArgoCdRules::map).toList() : List.of();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
