package io.jenkins.plugins.slipway.proxy;

import dev.slipway.registry.RegistryTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps Jenkins' proxy settings onto the engine's transport settings, the way Jenkins itself decides per host: a host
 * matching one of the "no proxy" patterns is reached directly, any other through the proxy. The engine's registry
 * transport takes a proxy as {@code host:port} without credentials, so an authenticating proxy is reported
 * ({@link #limitations}) rather than silently used without its user.
 */
public final class ProxyMapper {
    private ProxyMapper() {
    }

    /** {@code base} with the proxy to reach {@code registryHost} ({@code host[:port]}), or {@code base} unchanged. */
    public static RegistryTransport registryTransport(RegistryTransport base, ProxySettings proxy, String registryHost) {
        if (proxy == null || proxy.host() == null || proxy.port() <= 0 || bypasses(proxy, registryHost)) {
            return base;
        }
        return base.withProxy(proxy.host() + ":" + proxy.port());
    }

    /** Whether {@code host} (a port is ignored) matches one of the no-proxy patterns. */
    public static boolean bypasses(ProxySettings proxy, String host) {
        if (proxy.noProxyHost() == null || host == null) {
            return false;
        }
        String name = hostName(host);
        for (String entry : proxy.noProxyHost().split("[ \t\n,|]+")) {
            if (!entry.isEmpty() && pattern(entry).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** What of Jenkins' proxy settings the engine cannot honour, one sentence each, for the build log. */
    public static List<String> limitations(ProxySettings proxy) {
        List<String> notes = new ArrayList<>();
        if (proxy != null && proxy.host() != null && proxy.userName() != null) {
            notes.add("Jenkins' proxy " + proxy.host() + ":" + proxy.port() + " asks for a user name; Slipway's registry"
                    + " connections go through it without proxy authentication");
        }
        return notes;
    }

    private static String hostName(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end > 0 ? lower.substring(1, end) : lower;
        }
        int colon = lower.indexOf(':');
        return colon >= 0 && lower.indexOf(':', colon + 1) < 0 ? lower.substring(0, colon) : lower;
    }

    private static Pattern pattern(String entry) {
        List<String> parts = new ArrayList<>();
        for (String part : entry.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
