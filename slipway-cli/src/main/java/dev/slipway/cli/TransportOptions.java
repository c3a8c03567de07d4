package dev.slipway.cli;

import dev.slipway.registry.RegistryTransport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the CLI reaches registries. */
final class TransportOptions {
    @Option(names = "--plain-http", paramLabel = "HOST:PORT",
            description = "Talk plain HTTP (not HTTPS) to this registry; only for local test registries. Repeatable.")
    List<String> plainHttp = new ArrayList<>();

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the CA certificates in this PEM file.")
    String caFile;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "HTTP proxy for registry traffic.")
    String proxy;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
            description = "Attempts for a request that fails transiently (default: ${DEFAULT-VALUE}).")
    int attempts;

    RegistryTransport transport() {
        return RegistryTransport.defaults().withPlainHttp(plainHttp.toArray(String[]::new)).withCaCertificates(caFile)
                .withProxy(proxy).withMaxAttempts(attempts);
    }
}
