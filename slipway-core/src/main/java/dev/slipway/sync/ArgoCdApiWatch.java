package dev.slipway.sync;

import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Argo CD through its API: {@code GET /api/v1/applications/{name}} with a read-only bearer token
 * (argo-cd docs, "API docs"); the first look may add {@code refresh=normal}; an application named
 * {@code namespace/name} is asked for with {@code appNamespace}. No cluster credentials needed.
 */
final class ArgoCdApiWatch implements SyncWaiter.Watch {
    private final JsonApi api;
    private final URI base;
    private final String application;
    private final Secret token;
    private final Ancestry ancestry;
    private boolean refresh;

    ArgoCdApiWatch(JsonApi api, String endpoint, String application, Secret token, boolean refresh, Ancestry ancestry) {
        this.api = api;
        this.base = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        this.application = application;
        this.token = token;
        this.refresh = refresh;
        this.ancestry = ancestry;
    }

    @Override
    public String subject() {
        return "Application/" + application;
    }

    @Override
    public SyncVerdict look(String commit) throws JsonApi.Unreachable {
        // "namespace/name" is an application outside Argo CD's own namespace (the API's appNamespace parameter)
        int slash = application.indexOf('/');
        String name = slash < 0 ? application : application.substring(slash + 1);
        StringBuilder query = new StringBuilder();
        if (slash >= 0) {
            query.append("appNamespace=").append(URLEncoder.encode(application.substring(0, slash), StandardCharsets.UTF_8));
        }
        if (refresh) {
            query.append(query.length() == 0 ? "" : "&").append("refresh=normal");
        }
        URI uri = URI.create(base + "/api/v1/applications/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (query.length() == 0 ? "" : "?" + query));
        JsonApi.Answer answer = api.get(uri, Map.of("Authorization", "Bearer " + token.reveal(), "Accept", "application/json"));
        if (answer.status() == 401) {
            throw new AuthenticationException("Argo CD at " + base + " refused the token (HTTP 401: "
                    + JsonApi.serviceMessage(answer) + ")",
                    "give a valid read-only Argo CD API token (argocd account generate-token) in SLIPWAY_ARGOCD_TOKEN or a token file");
        }
        if (answer.status() == 403) {
            throw new AuthenticationException("Argo CD at " + base + " answered 'permission denied' for application '"
                    + application + "' (HTTP 403): it does not exist, or the token's role may not get it",
                    "check the application name, and give the token's account the policy 'applications, get' on it");
        }
        if (answer.status() / 100 != 2 || answer.body() == null) {
            throw new SyncException("Argo CD at " + base + " could not answer for application '" + application + "' (HTTP "
                    + answer.status() + "): " + JsonApi.serviceMessage(answer), "check the Argo CD URL (the API server, e.g."
                    + " https://argocd.example) and that it is reachable from here");
        }
        refresh = false; // one refresh request is enough; later looks only read
        return ArgoCdRules.evaluate(answer.object(), commit, ancestry);
    }
}
