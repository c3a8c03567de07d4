package dev.slipway.testsupport.fakes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * Fake of the Azure DevOps Git REST API (7.1) for pull requests and statuses, under
 * {@code /{organization}/{project}/_apis/git/repositories/{repository}}:
 * <ul>
 *   <li>{@code POST|GET .../pullrequests}, {@code GET|PATCH .../pullrequests/{id}} (tests complete one with
 *       {@link #complete}, which sets {@code status: completed} and {@code lastMergeCommit})
 *       (https://learn.microsoft.com/en-us/rest/api/azure/devops/git/pull-requests/create?view=azure-devops-rest-7.1,
 *       .../get-pull-requests, .../update)</li>
 *   <li>{@code POST|GET .../pullRequests/{id}/statuses}
 *       (https://learn.microsoft.com/en-us/rest/api/azure/devops/git/pull-request-statuses/create?view=azure-devops-rest-7.1)</li>
 *   <li>{@code POST|GET .../commits/{commitId}/statuses}
 *       (https://learn.microsoft.com/en-us/rest/api/azure/devops/git/statuses/create?view=azure-devops-rest-7.1)</li>
 * </ul>
 * Checks, in order: credentials (a PAT as basic-auth password, or a bearer token; else 401 — the real
 * service may answer an interactive client with 203 and a sign-in page instead), {@code api-version}
 * (query or {@code Accept} header; else 400 VssVersionNotSpecifiedException), a JSON content type on
 * POST/PATCH (else 415), required fields (400), one active pull request per source and target branch
 * (409 TF401179), an existing pull request (404 TF401180).
 */
public final class AzureDevOpsFake extends FakeHttpServer {
    private static final Set<String> STATES = Set.of("notSet", "pending", "succeeded", "failed", "error", "notApplicable");
    private static final Set<String> PR_STATUSES = Set.of("active", "abandoned", "completed");

    private final String token;
    private final List<Map<String, Object>> pulls = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1);

    /** {@code token}: the PAT (basic-auth password, any user name) or bearer token clients must send. */
    public AzureDevOpsFake(String token) {
        super("Azure DevOps");
        this.token = token;
        guard(this::check);
        String repo = "(?i)/([^/]+)/([^/]+)/_apis/git/repositories/([^/]+)";
        route("POST", repo + "/pullrequests", this::createPull);
        route("GET", repo + "/pullrequests", this::listPulls);
        route("PATCH", repo + "/pullrequests/(\\d+)", this::updatePull);
        route("GET", repo + "/pullrequests/(\\d+)", this::getPull);
        route("POST", repo + "/pullrequests/(\\d+)/statuses", (r, m) -> createStatus(r, m, "pr:" + m.group(4)));
        route("GET", repo + "/pullrequests/(\\d+)/statuses", (r, m) -> listStatuses(r, m, "pr:" + m.group(4)));
        route("POST", repo + "/commits/([0-9a-fA-F]+)/statuses", (r, m) -> createStatus(r, m, "commit:" + m.group(4)));
        route("GET", repo + "/commits/([0-9a-fA-F]+)/statuses", (r, m) -> listStatuses(r, m, "commit:" + m.group(4)));
    }

    public List<Map<String, Object>> pullRequests() {
        return List.copyOf(pulls);
    }

    /** Statuses created so far; each also has {@code target} "pr:{id}" or "commit:{sha}" (not sent to clients). */
    public List<Map<String, Object>> statuses() {
        return List.copyOf(statuses);
    }

    /**
     * Completes (merges) pull request {@code id} as Azure DevOps reports it afterwards: {@code status}
     * completed, {@code mergeStatus} succeeded, {@code lastMergeCommit.commitId} the commit the merge made
     * on the target branch (the test creates it in its Git repository).
     */
    public void complete(int id, String mergeCommitId) {
        Map<String, Object> pr = pulls.stream().filter(p -> p.get("pullRequestId").equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pull request " + id));
        pr.put("status", "completed");
        pr.put("mergeStatus", "succeeded");
        pr.put("lastMergeCommit", Map.of("commitId", mergeCommitId));
        pr.put("closedDate", "2025-01-01T00:00:00Z");
    }

    private FakeResponse getPull(FakeRequest request, Matcher path) {
        Map<String, Object> pr = find(path, Integer.parseInt(path.group(4)));
        return pr == null ? error(404, "GitPullRequestNotFoundException", "TF401180: The requested pull request was not found.")
                : FakeResponse.json(200, visible(pr));
    }

    private FakeResponse createPull(FakeRequest request, Matcher path) {
        Map<String, Object> body = jsonObject(request.body());
        if (body == null) {
            return error(400, "ArgumentNullException", "Value cannot be null.\r\nParameter name: gitPullRequestToCreate");
        }
        for (String field : List.of("sourceRefName", "targetRefName")) {
            if (!(body.get(field) instanceof String value) || !value.startsWith("refs/")) {
                return error(400, "InvalidArgumentValueException", "The value specified for the following variable must be a "
                        + "fully qualified ref name (refs/...): " + field + ".");
            }
        }
        String repository = repository(path);
        boolean exists = pulls.stream().anyMatch(pr -> "active".equals(pr.get("status")) && repository.equals(pr.get("repositoryKey"))
                && body.get("sourceRefName").equals(pr.get("sourceRefName")) && body.get("targetRefName").equals(pr.get("targetRefName")));
        if (exists) {
            return error(409, "GitPullRequestExistsException",
                    "TF401179: An active pull request for the source and target branch already exists.");
        }
        int id = ids.getAndIncrement();
        Map<String, Object> pr = new LinkedHashMap<>();
        pr.put("pullRequestId", id);
        pr.put("codeReviewId", id);
        pr.put("status", "active");
        pr.put("title", body.get("title"));
        pr.put("description", body.get("description"));
        pr.put("sourceRefName", body.get("sourceRefName"));
        pr.put("targetRefName", body.get("targetRefName"));
        pr.put("isDraft", Boolean.TRUE.equals(body.get("isDraft")));
        pr.put("mergeStatus", "queued");
        pr.put("repository", Map.of("name", path.group(3), "project", Map.of("name", path.group(2))));
        pr.put("url", url() + "/" + path.group(1) + "/" + path.group(2) + "/_apis/git/repositories/" + path.group(3)
                + "/pullRequests/" + id);
        pr.put("repositoryKey", repository);
        pulls.add(pr);
        return FakeResponse.json(201, visible(pr));
    }

    private FakeResponse listPulls(FakeRequest request, Matcher path) {
        String status = request.queryParameter("searchCriteria.status") == null ? "active" : request.queryParameter("searchCriteria.status");
        String source = request.queryParameter("searchCriteria.sourceRefName");
        String target = request.queryParameter("searchCriteria.targetRefName");
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> pr : pulls) {
            if (repository(path).equals(pr.get("repositoryKey")) && ("all".equals(status) || status.equals(pr.get("status")))
                    && (source == null || source.equals(pr.get("sourceRefName")))
                    && (target == null || target.equals(pr.get("targetRefName")))) {
                matching.add(visible(pr));
            }
        }
        return FakeResponse.json(200, Map.of("value", matching, "count", matching.size()));
    }

    private FakeResponse updatePull(FakeRequest request, Matcher path) {
        Map<String, Object> body = jsonObject(request.body());
        if (body == null) {
            return error(400, "ArgumentNullException", "Value cannot be null.\r\nParameter name: gitPullRequestToUpdate");
        }
        Map<String, Object> pr = find(path, Integer.parseInt(path.group(4)));
        if (pr == null) {
            return error(404, "GitPullRequestNotFoundException", "TF401180: The requested pull request was not found.");
        }
        if (body.containsKey("status") && !PR_STATUSES.contains(body.get("status"))) {
            return error(400, "InvalidArgumentValueException", "The value specified for the following variable is invalid: status.");
        }
        for (String field : List.of("title", "description", "status")) {
            if (body.containsKey(field)) {
                pr.put(field, body.get(field));
            }
        }
        return FakeResponse.json(200, visible(pr));
    }

    private FakeResponse createStatus(FakeRequest request, Matcher path, String target) {
        if (target.startsWith("pr:") && find(path, Integer.parseInt(path.group(4))) == null) {
            return error(404, "GitPullRequestNotFoundException", "TF401180: The requested pull request was not found.");
        }
        Map<String, Object> body = jsonObject(request.body());
        if (body == null || !(body.get("context") instanceof Map<?, ?> context) || !(context.get("name") instanceof String)) {
            return error(400, "InvalidArgumentValueException", "The value specified for the following variable must be non-null: context.name.");
        }
        if (!(body.get("state") instanceof String state) || !STATES.contains(state)) {
            return error(400, "InvalidArgumentValueException", "The value specified for the following variable is invalid: state.");
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", ids.getAndIncrement());
        status.put("state", state);
        status.put("description", body.get("description"));
        status.put("context", context);
        status.put("targetUrl", body.get("targetUrl"));
        status.put("target", target);
        status.put("repositoryKey", repository(path));
        statuses.add(status);
        // the statuses/create page documents 201 for commit statuses, pull-request-statuses/create 200
        return FakeResponse.json(target.startsWith("commit:") ? 201 : 200, visible(status));
    }

    private FakeResponse listStatuses(FakeRequest request, Matcher path, String target) {
        List<Map<String, Object>> matching = statuses.stream()
                .filter(s -> s.get("target").equals(target) && s.get("repositoryKey").equals(repository(path)))
                .map(AzureDevOpsFake::visible).toList();
        return FakeResponse.json(200, Map.of("value", matching, "count", matching.size()));
    }

    private FakeResponse check(FakeRequest request) {
        if (!authenticated(request)) {
            return FakeResponse.empty(401).withHeader("WWW-Authenticate", "Basic realm=\"https://dev.azure.com/\"");
        }
        String accept = request.header("Accept");
        boolean versionInAccept = accept != null && accept.contains("api-version=");
        String version = request.queryParameter("api-version");
        if ((version == null || version.isBlank()) && !versionInAccept) {
            return error(400, "VssVersionNotSpecifiedException", "No api-version was supplied for the \"" + request.method()
                    + "\" request. The version must be supplied either as part of the Accept header (e.g. \"application/json; "
                    + "api-version=1.0\") or as a query parameter (e.g. '?api-version=1.0').");
        }
        if (Set.of("POST", "PATCH").contains(request.method()) && !"application/json".equals(request.mediaType())) {
            return error(415, "VssRequestContentTypeNotSupportedException",
                    "The request content type '" + request.mediaType() + "' is not supported; use application/json.");
        }
        return null;
    }

    private boolean authenticated(FakeRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                return decoded.contains(":") && decoded.substring(decoded.indexOf(':') + 1).equals(token);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return token.equals(request.bearerToken());
    }

    private Map<String, Object> find(Matcher path, int id) {
        return pulls.stream().filter(pr -> repository(path).equals(pr.get("repositoryKey")) && pr.get("pullRequestId").equals(id))
                .findFirst().orElse(null);
    }

    /** The stored object without the fake's bookkeeping keys. */
    private static Map<String, Object> visible(Map<String, Object> stored) {
        Map<String, Object> copy = new LinkedHashMap<>(stored);
        copy.remove("repositoryKey");
        copy.remove("target");
        return copy;
    }

    private static String repository(Matcher path) {
        return (path.group(1) + "/" + path.group(2) + "/" + path.group(3)).toLowerCase(java.util.Locale.ROOT);
    }

    private static FakeResponse error(int status, String typeKey, String message) {
        return FakeResponse.json(status, Map.of("$id", "1", "message", message, "typeKey", typeKey,
                "typeName", "Microsoft.TeamFoundation." + typeKey, "errorCode", 0, "eventId", 3000));
    }
}
