package dev.slipway.registry;

import dev.slipway.azure.AzureIdentityTokens;
import dev.slipway.azure.AzureTokenSource;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import java.net.http.HttpClient;
import java.util.function.Supplier;

/** Makes {@link RegistryClient}s for one operation: one HTTP client, the engine's masker and clock. */
final class RegistrySession {
    private final RegistryTransport transport;
    private final NetworkSettings network;
    private final HttpClient http;
    private final Events events;
    private final Event.Phase phase;

    RegistrySession(RegistryTransport transport, Events events, Event.Phase phase) {
        this(transport, NetworkSettings.direct(), events, phase);
    }

    RegistrySession(RegistryTransport transport, NetworkSettings network, Events events, Event.Phase phase) {
        this.transport = transport;
        this.network = network;
        this.http = RegistryHttpClients.create(network);
        this.events = events;
        this.phase = phase;
    }

    RegistryClient client(String registry, RegistryAuth auth) {
        Supplier<AzureTokenSource> azure = () -> {
            RegistryAuth.AzureAd azureAd = (RegistryAuth.AzureAd) auth;
            return AzureIdentityTokens.of(azureAd.identity(), azureAd.authorityHost(), events.masker(), network);
        };
        return client(registry, auth, azure);
    }

    RegistryClient client(String registry, RegistryAuth auth, Supplier<AzureTokenSource> azureTokens) {
        RegistryAuthenticator authenticator = new RegistryAuthenticator(registry, auth, http, events.masker(),
                events.clock(), memoize(azureTokens));
        return new RegistryClient(registry, transport, http, authenticator, events, phase);
    }

    HttpClient http() {
        return http;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
