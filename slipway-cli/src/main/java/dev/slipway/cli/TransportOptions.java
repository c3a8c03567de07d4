package dev.slipway.cli;

import dev.slipway.delivery.EngineContext;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the CLI reaches the network: registries over plain HTTP and retries, and the engine-wide proxy and trust
 * ({@link NetworkSettings}) from {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} (either case), overridden by
 * {@code --proxy}, plus {@code --ca-file}.
 */
final class TransportOptions {
    @Option(names = "--plain-http", paramLabel = "HOST:PORT",
            description = "Talk plain HTTP (not HTTPS) to this registry; only for local test registries. Repeatable.")
    List<String> plainHttp = new ArrayList<>();

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the CA certificates in this PEM file (in addition to the JDK's), for every HTTPS call.")
    Path caFile;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "HTTP proxy for every HTTP call, http://[user:password@]host:port; default: HTTPS_PROXY, else"
                    + " HTTP_PROXY. Hosts in NO_PROXY are reached directly.")
    String proxy;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
            description = "Attempts for a request that fails transiently (default: ${DEFAULT-VALUE}).")
    int attempts;

    RegistryTransport transport() {
        return RegistryTransport.defaults().withPlainHttp(plainHttp.toArray(String[]::new)).withMaxAttempts(attempts);
    }

    /** {@code context} reaching the network as the environment and these options say; a proxy password is masked. */
    EngineContext apply(EngineContext context, Map<String, String> environment) {
        NetworkSettings network = fromEnvironment(environment);
        if (proxy != null && !proxy.isBlank()) {
            network = network.withProxyUrl(proxy);
        }
        if (caFile != null) {
            network = network.withExtraCaPem(readCaFile(caFile));
        }
        if (network.proxyPassword() != null) {
            context.events().masker().register(network.proxyPassword());
        }
        return context.withNetwork(network);
    }

    /**
     * The proxy settings of the usual environment variables: {@code HTTPS_PROXY}, else {@code HTTP_PROXY} (one proxy
     * for all traffic; lower case wins over upper case, as in curl), and {@code NO_PROXY}.
     */
    static NetworkSettings fromEnvironment(Map<String, String> environment) {
        String url = first(environment, "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY");
        String noProxy = first(environment, "no_proxy", "NO_PROXY");
        return NetworkSettings.direct().withProxyUrl(url).withNoProxy(noProxy == null ? List.of() : List.of(noProxy));
    }

    private static String first(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static String readCaFile(Path file) {
        try {
            String pem = Files.readString(file);
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new InvalidInputException("ca-file", file + " holds no PEM certificate",
                        "give a file with -----BEGIN CERTIFICATE----- blocks");
            }
            return pem;
        } catch (IOException e) {
            throw new InvalidInputException("ca-file", "cannot read " + file + ": " + e.getMessage(),
                    "give a readable PEM file of CA certificates");
        }
    }
}
