package io.jenkins.plugins.slipway.records;

import java.io.IOException;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code .../slipway/api} of both pages: {@code api/json} writes what {@link RecordsEndpoint} decides. Only the
 * HTTP writing lives here; the permission check and the body are decided in the plain class (tested without Jenkins).
 */
public final class RecordsApi {
    private final RecordsEndpoint endpoint;

    RecordsApi(RecordsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code GET .../slipway/api/json} (docs/openapi.yaml). */
    public void doJson(StaplerResponse2 rsp) throws IOException {
        RecordsEndpoint.Answer answer = endpoint.answer();
        rsp.setStatus(answer.status());
        rsp.setContentType(answer.contentType());
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        // a delivery still waiting for its GitOps sync changes in place: never serve a stale copy
        rsp.setHeader("Cache-Control", "no-cache");
        rsp.getWriter().write(answer.body());
    }
}
