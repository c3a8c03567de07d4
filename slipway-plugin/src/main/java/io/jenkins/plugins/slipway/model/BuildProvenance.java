package io.jenkins.plugins.slipway.model;

import java.net.URI;
import dev.slipway.support.Provenance;
import java.util.Map;

/**
 * Where a delivery comes from, read from the run's environment as the Git and Pipeline plugins set it: {@code GIT_URL},
 * {@code GIT_COMMIT}, {@code GIT_BRANCH}, {@code BUILD_URL}, {@code BUILD_NUMBER}. Missing or malformed values are
 * unknown ({@code null}), never an error: a delivery without a checkout still runs, it only records less. A user name
 * or token in {@code GIT_URL} is removed: commit trailers are public in the GitOps repository.
 */
public final class BuildProvenance {
    public static final String GIT_URL = "GIT_URL";
    public static final String GIT_COMMIT = "GIT_COMMIT";
    public static final String GIT_BRANCH = "GIT_BRANCH";
    public static final String BUILD_URL = "BUILD_URL";
    public static final String BUILD_NUMBER = "BUILD_NUMBER";

    private BuildProvenance() {
    }

    /**
     * @param environment the run's variables ({@code EnvVars} in Jenkins), or {@code null}
     * @param deliveryId  the id of this delivery (also the record's id)
     */
    public static Provenance from(Map<String, String> environment, String deliveryId) {
        Map<String, String> env = environment == null ? Map.of() : environment;
        return new Provenance(withoutUserInfo(StepValues.text(env.get(GIT_URL))), commit(env.get(GIT_COMMIT)),
                branch(env.get(GIT_BRANCH)), StepValues.text(env.get(BUILD_URL)), number(env.get(BUILD_NUMBER)),
                deliveryId);
    }

    /** A full hexadecimal commit id, else unknown (the downgrade guard compares commits, so a guess would mislead). */
    private static String commit(String value) {
        String text = StepValues.text(value);
        return text != null && text.matches("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}") ? text.toLowerCase(java.util.Locale.ROOT)
                : null;
    }

    /** The Git plugin writes remote branches as {@code origin/main}; the record wants {@code main}. */
    private static String branch(String value) {
        String text = StepValues.text(value);
        if (text == null) {
            return null;
        }
        if (text.startsWith("refs/heads/")) {
            return text.substring("refs/heads/".length());
        }
        int slash = text.indexOf('/');
        return text.startsWith("origin/") && slash < text.length() - 1 ? text.substring(slash + 1) : text;
    }

    private static Long number(String value) {
        String text = StepValues.text(value);
        if (text == null || !text.matches("\\d{1,18}")) {
            return null;
        }
        return Long.valueOf(text);
    }

    /** {@code https://user:token@host/repo.git} → {@code https://host/repo.git}; other forms unchanged. */
    static String withoutUserInfo(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() == null || uri.getScheme() == null || uri.getScheme().equals("ssh")) {
                // ssh://git@host/... names a user, never a password
                return uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":") ? cut(url) : url;
            }
            return cut(url);
        } catch (IllegalArgumentException notAUri) {
            return url.contains("://") ? cut(url) : url;
        }
    }

    private static String cut(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@', scheme + 3);
        int slash = url.indexOf('/', scheme + 3);
        if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
            return url;
        }
        return url.substring(0, scheme + 3) + url.substring(at + 1);
    }
}
