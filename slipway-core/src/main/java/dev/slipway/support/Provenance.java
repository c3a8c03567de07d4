package dev.slipway.support;

/**
 * Where a delivery comes from, written into commit trailers, workload annotations, image labels and the
 * record; the downgrade guard compares it. Every field may be {@code null} when unknown.
 *
 * @param sourceRepository URL of the application's source repository
 * @param sourceCommit     full commit id the image was built from
 * @param sourceBranch     branch of that commit
 * @param buildUrl         URL of the CI build (Jenkins run URL)
 * @param buildNumber      CI build number, compared when commit ancestry is not available
 * @param deliveryId       unique id of this delivery, also the record's id
 */
public record Provenance(String sourceRepository, String sourceCommit, String sourceBranch, String buildUrl,
        Long buildNumber, String deliveryId) implements EngineMessage {

    public static Provenance unknown(String deliveryId) {
        return new Provenance(null, null, null, null, null, deliveryId);
    }
}
