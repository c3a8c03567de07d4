package dev.slipway.testsupport.kube;

/**
 * One request the Kubernetes mock received, as the client sent it.
 *
 * @param method      HTTP method
 * @param path        path without the query
 * @param query       raw query string, or "" when there is none
 * @param contentType the Content-Type header, or "" when absent
 * @param body        the body as UTF-8, or "" when empty
 */
public record KubeRequest(String method, String path, String query, String contentType, String body) {

    /** True for a server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}). */
    public boolean isServerSideApply() {
        return "PATCH".equals(method) && contentType.startsWith(KubeServer.APPLY_PATCH);
    }

    /** The value of query parameter {@code name} (not URL-decoded), or null. */
    public String queryParameter(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }
}
