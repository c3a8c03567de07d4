package dev.slipway.registry;

import dev.slipway.support.NetworkClients;
import dev.slipway.support.NetworkSettings;
import java.net.http.HttpClient;

/** Builds the JDK HTTP client for registry traffic from the engine's network settings: explicit, no lookups. */
public final class RegistryHttpClients {
    private RegistryHttpClients() {
    }

    public static HttpClient create(NetworkSettings network) {
        // registries redirect blob GETs to storage; the JDK drops Authorization when the host changes
        return NetworkClients.http(network, HttpClient.Redirect.NORMAL);
    }
}
