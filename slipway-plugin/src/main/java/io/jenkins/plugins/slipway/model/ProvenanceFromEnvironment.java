package io.jenkins.plugins.slipway.model;

import dev.slipway.support.Provenance;
import java.net.URI;
import java.util.Map;

/**
 * The provenance of a GitOps commit (its trailers, the downgrade guard, the record) read from the build's
 * environment: {@code GIT_URL}, {@code GIT_COMMIT}, {@code GIT_BRANCH} (set by the Git plugin's checkout),
 * {@code BUILD_URL} and {@code BUILD_NUMBER} (set by Jenkins). What is missing stays {@code null}. A user name or
 * token in {@code GIT_URL} is removed: the trailers are public in the GitOps repository.
 */
public final class ProvenanceFromEnvironment {
    private ProvenanceFromEnvironment() {
    }

    public static Provenance of(Map<String, String> environment, String deliveryId) {
        Map<String, String> env = environment == null ? Map.of() : environment;
        return new Provenance(withoutUserInfo(StepValues.text(env.get("GIT_URL"))), StepValues.text(env.get("GIT_COMMIT")),
                StepValues.text(env.get("GIT_BRANCH")), StepValues.text(env.get("BUILD_URL")),
                number(env.get("BUILD_NUMBER")), deliveryId);
    }

    private static Long number(String text) {
        String value = StepValues.text(text);
        if (value == null || !value.matches("\\d{1,18}")) {
            return null;
        }
        return Long.valueOf(value);
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
