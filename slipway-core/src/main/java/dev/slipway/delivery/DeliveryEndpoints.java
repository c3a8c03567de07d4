package dev.slipway.delivery;

import dev.slipway.support.SecretMasker;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON bodies of the endpoints behind the Jenkins pages (docs/openapi.yaml), made here so the plugin
 * only checks permissions and returns them, and the front end reads one format everywhere.
 */
public final class DeliveryEndpoints {
    private DeliveryEndpoints() {}

    /** {@code GET .../<run>/slipway/api/json}: {@code {"records": [...]}}, in the order given. */
    public static String runJson(List<DeliveryRecord> records, SecretMasker masker) {
        return records.stream().map(r -> DeliveryRecords.toJson(r, masker))
                .collect(Collectors.joining(",\n", "{\"records\": [", "]}\n"));
    }

    /**
     * {@code GET .../slipway/api/json} of a job: its index, or an empty one when the file is missing, damaged or
     * newer (the reason goes to the index file's events as a warning, the page stays usable).
     */
    public static String jobJson(DeliveryIndexFile index, SecretMasker masker) {
        return DeliveryIndexFile.toJson(index.read(), masker);
    }
}
