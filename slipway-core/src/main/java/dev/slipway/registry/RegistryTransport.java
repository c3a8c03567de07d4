package dev.slipway.registry;

import dev.slipway.support.EngineMessage;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How to reach registries: which ones speak plain HTTP (HTTPS is the default), extra CA certificates to trust,
 * an HTTP proxy, and how often to try a failing request. Serializable, so the controller can hand it to the agent.
 *
 * @param plainHttpRegistries registries ({@code host:port}) reached over plain HTTP instead of HTTPS
 * @param caCertificatesPem   a PEM file of CA certificates to trust in addition to the JDK's, or {@code null}
 * @param proxy               an HTTP proxy as {@code host:port}, or {@code null} for none
 * @param maxAttempts         how often a request that fails for a transient reason (reset, 5xx) is tried in all
 */
public record RegistryTransport(Set<String> plainHttpRegistries, String caCertificatesPem, String proxy, int maxAttempts)
        implements EngineMessage {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    public RegistryTransport {
        plainHttpRegistries = plainHttpRegistries.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** HTTPS everywhere, the JDK's trust store, no proxy. */
    public static RegistryTransport defaults() {
        return new RegistryTransport(Set.of(), null, null, DEFAULT_MAX_ATTEMPTS);
    }

    public RegistryTransport withPlainHttp(String... registries) {
        return new RegistryTransport(Stream.concat(plainHttpRegistries.stream(), Stream.of(registries))
                .collect(Collectors.toSet()), caCertificatesPem, proxy, maxAttempts);
    }

    public RegistryTransport withCaCertificates(String pemFile) {
        return new RegistryTransport(plainHttpRegistries, pemFile, proxy, maxAttempts);
    }

    public RegistryTransport withProxy(String hostPort) {
        return new RegistryTransport(plainHttpRegistries, caCertificatesPem, hostPort, maxAttempts);
    }

    public RegistryTransport withMaxAttempts(int attempts) {
        return new RegistryTransport(plainHttpRegistries, caCertificatesPem, proxy, attempts);
    }

    /** {@code http} or {@code https} for {@code registry}. */
    public String scheme(String registry) {
        return plainHttpRegistries.contains(registry.toLowerCase(Locale.ROOT)) ? "http" : "https";
    }
}
