package dev.slipway.testsupport.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * Fake of the GitHub REST API for pull requests and commit statuses:
 * <ul>
 *   <li>{@code POST /repos/{owner}/{repo}/pulls}, {@code GET .../pulls?state&head&base},
 *       {@code GET|PATCH .../pulls/{number}} (https://docs.github.com/en/rest/pulls/pulls); tests merge one with
 *       {@link #merge}, which sets {@code merged}, {@code merge_commit_sha} and {@code state: closed}</li>
 *   <li>{@code POST /repos/{owner}/{repo}/statuses/{sha}}, {@code GET .../commits/{ref}/statuses}
 *       (https://docs.github.com/en/rest/commits/statuses)</li>
 * </ul>
 * Answers carry the fields of the documented examples that clients read. Repositories are private.
 * Rejects like GitHub: a write without a token → 401 "Requires authentication", a read without one →
 * 404 (GitHub hides private repositories), a wrong token → 401 "Bad credentials", a body that is not JSON → 400
 * "Problems parsing JSON", a missing field or a second open pull request for the same head and base →
 * 422 "Validation Failed", an unknown pull request → 404.
 */
public final class GitHubFake extends FakeHttpServer {
    private static final Set<String> STATES = Set.of("error", "failure", "pending", "success");

    private final String token;
    private final List<Map<String, Object>> pulls = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1);

    /** {@code token} is the token clients must send ({@code Bearer} or {@code token} scheme). */
    public GitHubFake(String token) {
        super("GitHub");
        this.token = token;
        guard(this::authenticate);
        String repo = "/repos/([^/]+)/([^/]+)";
        route("POST", repo + "/pulls", this::createPull);
        route("GET", repo + "/pulls", this::listPulls);
        route("PATCH", repo + "/pulls/(\\d+)", this::updatePull);
        route("GET", repo + "/pulls/(\\d+)", this::getPull);
        route("POST", repo + "/statuses/([^/]+)", this::createStatus);
        route("GET", repo + "/commits/([^/]+)/statuses", this::listStatuses);
    }

    /** Pull requests created so far (the stored JSON objects). */
    public List<Map<String, Object>> pullRequests() {
        return List.copyOf(pulls);
    }

    /** Commit statuses created so far. */
    public List<Map<String, Object>> commitStatuses() {
        return List.copyOf(statuses);
    }

    /**
     * Merges pull request {@code number} as GitHub reports it afterwards: {@code state} closed, {@code merged}
     * true and {@code merge_commit_sha} the commit the merge made on the base branch (for a squash or rebase
     * merge a commit that is not the head's; the test creates it in its Git repository).
     */
    public void merge(int number, String mergeCommitSha) {
        Map<String, Object> pr = pulls.stream().filter(p -> p.get("number").equals(number)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pull request #" + number));
        pr.put("state", "closed");
        pr.put("merged", true);
        pr.put("merge_commit_sha", mergeCommitSha);
        pr.put("merged_at", "2025-01-01T00:00:00Z");
    }

    private FakeResponse getPull(FakeRequest request, Matcher path) {
        int number = Integer.parseInt(path.group(3));
        return pulls.stream().filter(p -> repoOf(p).equals(path.group(1) + "/" + path.group(2)) && p.get("number").equals(number))
                .findFirst().map(pr -> FakeResponse.json(200, pr)).orElseGet(GitHubFake::notFoundJson);
    }

    private FakeResponse createPull(FakeRequest request, Matcher path) {
        Map<String, Object> body = jsonObject(request.body());
        if (body == null) {
            return problemsParsingJson();
        }
        for (String field : List.of("title", "head", "base")) {
            if (!(body.get(field) instanceof String value) || value.isBlank()) {
                return validationFailed(Map.of("resource", "PullRequest", "code", "missing_field", "field", field));
            }
        }
        String owner = path.group(1);
        String repo = path.group(2);
        String head = (String) body.get("head");
        String label = head.contains(":") ? head : owner + ":" + head;
        boolean exists = pulls.stream().anyMatch(pr -> "open".equals(pr.get("state")) && repoOf(pr).equals(owner + "/" + repo)
                && label.equals(ref(pr, "head", "label")) && body.get("base").equals(ref(pr, "base", "ref")));
        if (exists) {
            return validationFailed(Map.of("resource", "PullRequest", "code", "custom",
                    "message", "A pull request already exists for " + label + "."));
        }
        int number = ids.getAndIncrement();
        String api = url() + "/repos/" + owner + "/" + repo;
        Map<String, Object> pr = new LinkedHashMap<>();
        pr.put("id", 1000 + number);
        pr.put("number", number);
        pr.put("state", "open");
        pr.put("title", body.get("title"));
        pr.put("body", body.get("body"));
        pr.put("draft", Boolean.TRUE.equals(body.get("draft")));
        pr.put("merged", false);
        pr.put("merge_commit_sha", null);
        pr.put("url", api + "/pulls/" + number);
        pr.put("html_url", "https://github.com/" + owner + "/" + repo + "/pull/" + number);
        pr.put("head", new LinkedHashMap<>(Map.of("label", label, "ref", label.substring(label.indexOf(':') + 1))));
        pr.put("base", new LinkedHashMap<>(Map.of("label", owner + ":" + body.get("base"), "ref", body.get("base"),
                "repo", Map.of("full_name", owner + "/" + repo))));
        pulls.add(pr);
        return FakeResponse.json(201, pr);
    }

    private FakeResponse listPulls(FakeRequest request, Matcher path) {
        String fullName = path.group(1) + "/" + path.group(2);
        String state = request.queryParameter("state") == null ? "open" : request.queryParameter("state");
        String head = request.queryParameter("head");
        String base = request.queryParameter("base");
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> pr : pulls) {
            if (repoOf(pr).equals(fullName) && ("all".equals(state) || state.equals(pr.get("state")))
                    && (head == null || head.equals(ref(pr, "head", "label")))
                    && (base == null || base.equals(ref(pr, "base", "ref")))) {
                matching.add(pr);
            }
        }
        matching.sort(Comparator.comparing(pr -> -((Integer) pr.get("number"))));
        return FakeResponse.json(200, matching);
    }

    private FakeResponse updatePull(FakeRequest request, Matcher path) {
        Map<String, Object> body = jsonObject(request.body());
        if (body == null) {
            return problemsParsingJson();
        }
        int number = Integer.parseInt(path.group(3));
        Map<String, Object> pr = pulls.stream().filter(p -> repoOf(p).equals(path.group(1) + "/" + path.group(2))
                && p.get("number").equals(number)).findFirst().orElse(null);
        if (pr == null) {
            return notFoundJson();
        }
        if (body.containsKey("state") && !Set.of("open", "closed").contains(body.get("state"))) {
            return validationFailed(Map.of("resource", "PullRequest", "code", "invalid", "field", "state"));
        }
        for (String field : List.of("title", "body", "state")) {
            if (body.containsKey(field)) {
                pr.put(field, body.get(field));
            }
        }
        if (body.get("base") instanceof String base) {
            @SuppressWarnings("unchecked")
            Map<String, Object> baseRef = (Map<String, Object>) pr.get("base");
            baseRef.put("ref", base);
        }
        return FakeResponse.json(200, pr);
    }

    private FakeResponse createStatus(FakeRequest request, Matcher path) {
        Map<String, Object> body = jsonObject(request.body());
        if (body == null) {
            return problemsParsingJson();
        }
        if (!(body.get("state") instanceof String state) || !STATES.contains(state)) {
            return validationFailed(Map.of("resource", "Status", "code", "custom", "field", "state",
                    "message", "state is not included in the list"));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", ids.getAndIncrement());
        status.put("state", state);
        status.put("description", body.get("description"));
        status.put("target_url", body.get("target_url"));
        status.put("context", body.get("context") == null ? "default" : body.get("context"));
        status.put("sha", path.group(3));
        status.put("repository", path.group(1) + "/" + path.group(2));
        statuses.add(status);
        return FakeResponse.json(201, status);
    }

    private FakeResponse listStatuses(FakeRequest request, Matcher path) {
        String fullName = path.group(1) + "/" + path.group(2);
        List<Map<String, Object>> matching = new ArrayList<>(statuses.stream()
                .filter(s -> s.get("repository").equals(fullName) && s.get("sha").equals(path.group(3))).toList());
        java.util.Collections.reverse(matching); // newest first, as GitHub lists them
        return FakeResponse.json(200, matching);
    }

    private FakeResponse authenticate(FakeRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null && "GET".equals(request.method())) {
            return notFoundJson(); // the repositories are private: GitHub does not reveal that they exist
        }
        if (authorization == null) {
            return FakeResponse.json(401, Map.of("message", "Requires authentication",
                    "documentation_url", "https://docs.github.com/rest"));
        }
        String presented = authorization.replaceFirst("^(?i)(bearer|token) ", "");
        if (!presented.equals(token) || presented.equals(authorization)) {
            return FakeResponse.json(401, Map.of("message", "Bad credentials", "documentation_url", "https://docs.github.com/rest"));
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static String ref(Map<String, Object> pr, String side, String field) {
        return String.valueOf(((Map<String, Object>) pr.get(side)).get(field));
    }

    @SuppressWarnings("unchecked")
    private static String repoOf(Map<String, Object> pr) {
        return String.valueOf(((Map<String, Object>) ((Map<String, Object>) pr.get("base")).get("repo")).get("full_name"));
    }

    private static FakeResponse problemsParsingJson() {
        return FakeResponse.json(400, Map.of("message", "Problems parsing JSON", "documentation_url", "https://docs.github.com/rest"));
    }

    private static FakeResponse validationFailed(Map<String, Object> error) {
        return FakeResponse.json(422, Map.of("message", "Validation Failed", "errors", List.of(error),
                "documentation_url", "https://docs.github.com/rest"));
    }

    private static FakeResponse notFoundJson() {
        return FakeResponse.json(404, Map.of("message", "Not Found", "documentation_url", "https://docs.github.com/rest"));
    }
}
