package dev.slipway.registry;

import dev.slipway.support.EngineMessage;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What is particular to registries: which ones speak plain HTTP (HTTPS is the default) and how often to try a
 * failing request. Proxy, trust and timeouts are engine-wide ({@link dev.slipway.support.NetworkSettings} in the
 * engine context). Serializable, so the controller can hand it to the agent.
 *
 * @param plainHttpRegistries registries ({@code host:port}) reached over plain HTTP instead of HTTPS
 * @param maxAttempts         how often a request that fails for a transient reason (reset, 5xx) is tried in all
 */
public record RegistryTransport(Set<String> plainHttpRegistries, int maxAttempts) implements EngineMessage {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    public RegistryTransport {
        plainHttpRegistries = plainHttpRegistries.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** HTTPS everywhere, {@value #DEFAULT_MAX_ATTEMPTS} attempts. */
    public static RegistryTransport defaults() {
        return new RegistryTransport(Set.of(), DEFAULT_MAX_ATTEMPTS);
    }

    public RegistryTransport withPlainHttp(String... registries) {
        return new RegistryTransport(Stream.concat(plainHttpRegistries.stream(), Stream.of(registries))
                .collect(Collectors.toSet()), maxAttempts);
    }

    public RegistryTransport withMaxAttempts(int attempts) {
        return new RegistryTransport(plainHttpRegistries, attempts);
    }

    /** {@code http} or {@code https} for {@code registry}. */
    public String scheme(String registry) {
        return plainHttpRegistries.contains(registry.toLowerCase(Locale.ROOT)) ? "http" : "https";
    }
}
