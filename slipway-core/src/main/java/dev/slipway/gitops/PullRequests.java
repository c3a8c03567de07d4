package dev.slipway.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Opens a pull request for a GitOps branch, or updates the open one for the same branch pair, through the
 * host's REST API (GitHub: docs.github.com/rest/pulls/pulls; Azure DevOps 7.1: learn.microsoft.com
 * rest/api/azure/devops/git/pull-requests). A rerun for the same target therefore never opens a second one.
 */
public final class PullRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AZURE_API_VERSION = "7.1";

    /** @param created whether this call opened it (false: an open one was updated) */
    public record PullRequest(int number, String url, boolean created) { }

    private final HttpClient http;
    private final SecretMasker masker;

    public PullRequests(HttpClient http, SecretMasker masker) {
        this.http = http;
        this.masker = masker;
    }

    public PullRequest openOrUpdate(PullRequestHost host, Secret token, String sourceBranch, String targetBranch,
            String title, String body) {
        masker.register(token);
        try {
            if (host instanceof PullRequestHost.GitHub github) {
                return github(github, token, sourceBranch, targetBranch, title, body);
            }
            return azure((PullRequestHost.AzureDevOps) host, token, sourceBranch, targetBranch, title, body);
        } catch (IOException e) {
            throw new GitOpsException("cannot reach the pull-request API: " + masker.mask(e.getMessage()),
                    "check the API URL and the network path from the agent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitOpsException("interrupted while opening the pull request", null);
        }
    }

    private PullRequest github(PullRequestHost.GitHub host, Secret token, String source, String target, String title,
            String body) throws IOException, InterruptedException {
        String repo = host.apiBase() + "/repos/" + host.owner() + "/" + host.repository();
        JsonNode open = send(githubRequest(URI.create(repo + "/pulls?state=open&head=" + encode(host.owner() + ":" + source)
                + "&base=" + encode(target)), token).GET(), "list pull requests", 200);
        ObjectNode fields = JSON.createObjectNode().put("title", title).put("body", body);
        if (open.isArray() && !open.isEmpty()) {
            int number = open.get(0).path("number").asInt();
            JsonNode updated = send(githubRequest(URI.create(repo + "/pulls/" + number), token)
                    .method("PATCH", json(fields)), "update pull request #" + number, 200);
            return new PullRequest(number, updated.path("html_url").asText(), false);
        }
        fields.put("head", source).put("base", target);
        JsonNode created = send(githubRequest(URI.create(repo + "/pulls"), token).POST(json(fields)), "open a pull request", 201);
        return new PullRequest(created.path("number").asInt(), created.path("html_url").asText(), true);
    }

    private PullRequest azure(PullRequestHost.AzureDevOps host, Secret token, String source, String target, String title,
            String body) throws IOException, InterruptedException {
        String repo = host.apiBase() + "/" + encode(host.organization()) + "/" + encode(host.project())
                + "/_apis/git/repositories/" + encode(host.repository());
        String sourceRef = "refs/heads/" + source;
        String targetRef = "refs/heads/" + target;
        JsonNode open = send(azureRequest(URI.create(repo + "/pullrequests?searchCriteria.sourceRefName=" + encode(sourceRef)
                + "&searchCriteria.targetRefName=" + encode(targetRef) + "&searchCriteria.status=active&api-version="
                + AZURE_API_VERSION), token).GET(), "list pull requests", 200);
        ObjectNode fields = JSON.createObjectNode().put("title", title).put("description", body);
        JsonNode existing = open.path("value");
        if (existing.isArray() && !existing.isEmpty()) {
            int id = existing.get(0).path("pullRequestId").asInt();
            JsonNode updated = send(azureRequest(URI.create(repo + "/pullrequests/" + id + "?api-version=" + AZURE_API_VERSION), token)
                    .method("PATCH", json(fields)), "update pull request " + id, 200);
            return new PullRequest(id, azureWebUrl(updated, host, id), false);
        }
        fields.put("sourceRefName", sourceRef).put("targetRefName", targetRef);
        JsonNode created = send(azureRequest(URI.create(repo + "/pullrequests?api-version=" + AZURE_API_VERSION), token)
                .POST(json(fields)), "open a pull request", 201);
        int id = created.path("pullRequestId").asInt();
        return new PullRequest(id, azureWebUrl(created, host, id), true);
    }

    private static String azureWebUrl(JsonNode pr, PullRequestHost.AzureDevOps host, int id) {
        String web = pr.path("repository").path("webUrl").asText("");
        if (web.isEmpty()) {
            web = host.apiBase() + "/" + host.organization() + "/" + host.project() + "/_git/" + host.repository();
        }
        return web + "/pullrequest/" + id;
    }

    private static HttpRequest.Builder githubRequest(URI uri, Secret token) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token.reveal());
    }

    private static HttpRequest.Builder azureRequest(URI uri, Secret token) {
        String basic = Base64.getEncoder().encodeToString((":" + token.reveal()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic);
    }

    private JsonNode send(HttpRequest.Builder request, String action, int expected) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        String answer = masker.mask(abbreviate(response.body()));
        if (status == 401 || status == 403 || status == 203) {
            throw new AuthenticationException("the pull-request API refused to " + action + " (HTTP " + status + "): " + answer,
                    "check the token: it needs write access to pull requests of this repository");
        }
        if (status == 404) {
            throw new GitOpsException("the pull-request API could not " + action + " (HTTP 404 for " + built.uri().getPath() + ")",
                    "check the repository URL; a private repository also answers 404 to a token that cannot see it");
        }
        if (status != expected && !(status / 100 == 2 && expected / 100 == 2)) {
            throw new GitOpsException("the pull-request API could not " + action + " (HTTP " + status + "): " + answer,
                    "see the service's message above");
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static HttpRequest.BodyPublisher json(JsonNode node) {
        return HttpRequest.BodyPublishers.ofString(node.toString(), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
