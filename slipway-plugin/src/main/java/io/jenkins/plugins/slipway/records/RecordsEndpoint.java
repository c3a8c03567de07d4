package io.jenkins.plugins.slipway.records;

import dev.slipway.support.SlipwayException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@code .../slipway/api/json} request is answered with, decided without Jenkins types: the permission
 * is checked first, and the JSON is only built once it is granted, so a refused request learns nothing (not even
 * whether the run delivered anything).
 */
public final class RecordsEndpoint {
    static final String JSON = "application/json;charset=UTF-8";
    static final String TEXT = "text/plain;charset=UTF-8";

    /** Whether the current user may read the job or run ({@code Item.READ} in Jenkins). */
    @FunctionalInterface
    public interface PermissionCheck {
        boolean granted();
    }

    /** The HTTP answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) { }

    private final PermissionCheck read;
    private final Supplier<String> json;

    public RecordsEndpoint(PermissionCheck read, Supplier<String> json) {
        this.read = Objects.requireNonNull(read, "read");
        this.json = Objects.requireNonNull(json, "json");
    }

    public Answer answer() {
        if (!read.granted()) {
            // a JSON client (the page's fetch) gets a status, not a redirect to the login form
            return new Answer(403, TEXT, "Forbidden: reading Slipway deliveries needs the Job/Read permission.\n");
        }
        try {
            return new Answer(200, JSON, json.get());
        } catch (SlipwayException unreadable) {
            // damaged or newer stored records: say so (the message names no secret: records hold none)
            return new Answer(500, TEXT, unreadable.describe() + "\n");
        }
    }
}
