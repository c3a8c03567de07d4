package dev.slipway.testsupport.fakes;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * Fake of the Argo CD API server's {@code GET /api/v1/applications/{name}} (optionally
 * {@code ?refresh=normal|hard}), answering with the Application JSON (shape: argo-cd
 * {@code pkg/apis/application/v1alpha1/types.go}; API: https://argo-cd.readthedocs.io/en/stable/developer-guide/api-docs/).
 * Needs {@code Authorization: Bearer <token>} with the configured token: missing → 401 "no session
 * information", wrong → 401 "invalid session". An unknown application → 403 "permission denied", as
 * Argo CD answers so that names cannot be probed (CVE-2022-41354 fix). Tests drive the status with
 * {@link #application}; {@link #afterRefresh} queues states that a refresh request moves to, one per
 * refresh, so a waiting loop sees progress.
 */
public final class ArgoCdFake extends FakeHttpServer {
    private final String token;
    private final Map<String, Map<String, Object>> applications = new ConcurrentHashMap<>();
    private final Map<String, Queue<Map<String, Object>>> onRefresh = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refreshes = new ConcurrentHashMap<>();

    /** {@code token} is the API token clients must send. */
    public ArgoCdFake(String token) {
        super("Argo CD");
        this.token = token;
        route("GET", "/api/v1/applications/([^/]+)", this::get);
    }

    /** Sets the Application {@code name} (namespace argocd) with the given sync/health status. */
    public ArgoCdFake application(String name, String syncStatus, String healthStatus, String revision, String operationPhase) {
        applications.put(name, applicationJson(name, syncStatus, healthStatus, revision, operationPhase));
        return this;
    }

    /** Queues the state the application moves to on the next refresh request. */
    public ArgoCdFake afterRefresh(String name, String syncStatus, String healthStatus, String revision, String operationPhase) {
        onRefresh.computeIfAbsent(name, n -> new ArrayDeque<>())
                .add(applicationJson(name, syncStatus, healthStatus, revision, operationPhase));
        return this;
    }

    /** How many {@code refresh} requests the application got. */
    public int refreshCount(String name) {
        AtomicInteger count = refreshes.get(name);
        return count == null ? 0 : count.get();
    }

    private FakeResponse get(FakeRequest request, Matcher path) {
        String presented = request.bearerToken();
        if (presented == null) {
            return error(401, 16, "no session information");
        }
        if (!presented.equals(token)) {
            return error(401, 16, "invalid session: token signature is invalid");
        }
        String name = path.group(1);
        Map<String, Object> application = applications.get(name);
        if (application == null) {
            return error(403, 7, "permission denied");
        }
        if (request.queryParameter("refresh") != null) {
            refreshes.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Queue<Map<String, Object>> next = onRefresh.get(name);
            if (next != null && !next.isEmpty()) {
                application = next.poll();
                applications.put(name, application);
            }
        }
        return FakeResponse.json(200, application);
    }

    private static Map<String, Object> applicationJson(String name, String syncStatus, String healthStatus, String revision,
            String operationPhase) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sync", Map.of("status", syncStatus, "revision", revision,
                "comparedTo", Map.of("source", Map.of("repoURL", "https://git.example/apps.git", "path", "deploy", "targetRevision", "main"))));
        status.put("health", Map.of("status", healthStatus));
        status.put("reconciledAt", "2025-01-01T00:00:00Z");
        if (operationPhase != null) {
            status.put("operationState", Map.of("phase", operationPhase, "message", "successfully synced (all tasks run)",
                    "syncResult", Map.of("revision", revision), "startedAt", "2025-01-01T00:00:00Z"));
        }
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("apiVersion", "argoproj.io/v1alpha1");
        application.put("kind", "Application");
        application.put("metadata", Map.of("name", name, "namespace", "argocd"));
        application.put("spec", Map.of("project", "default",
                "source", Map.of("repoURL", "https://git.example/apps.git", "path", "deploy", "targetRevision", "main"),
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "default")));
        application.put("status", status);
        return application;
    }

    /** Argo CD's grpc-gateway error body: {error, code (gRPC code), message}. */
    private static FakeResponse error(int status, int grpcCode, String message) {
        return FakeResponse.json(status, Map.of("error", message, "code", grpcCode, "message", message, "details", List.of()));
    }
}
