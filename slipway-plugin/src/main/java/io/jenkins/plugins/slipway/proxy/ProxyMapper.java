package io.jenkins.plugins.slipway.proxy;

import dev.slipway.support.NetworkSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps Jenkins' proxy settings onto the engine's {@link NetworkSettings}, which every HTTP client of the engine
 * honours (registry, Azure AD, ARM, Argo CD, Git hosts, JGit over HTTPS, Kubernetes). The engine decides per host
 * with its one no-proxy rule ({@link NetworkSettings#bypassesProxy}); Jenkins' entries are handed over as typed, and
 * what that rule cannot express is reported ({@link #limitations}) rather than silently changed.
 */
public final class ProxyMapper {
    private ProxyMapper() {
    }

    /** The engine's network settings for Jenkins' proxy: a direct connection when none is configured. */
    public static NetworkSettings network(ProxySettings proxy) {
        NetworkSettings network = NetworkSettings.direct();
        if (proxy == null || proxy.host() == null || proxy.port() <= 0) {
            return network;
        }
        return network.withProxy(proxy.host(), proxy.port()).withNoProxy(noProxyEntries(proxy));
    }

    /** What of Jenkins' proxy settings the engine cannot honour, one sentence each, for the build log. */
    public static List<String> limitations(ProxySettings proxy) {
        List<String> notes = new ArrayList<>();
        if (proxy == null || proxy.host() == null) {
            return notes;
        }
        if (proxy.userName() != null) {
            notes.add("Jenkins' proxy " + proxy.host() + ":" + proxy.port() + " asks for a user name; Slipway's"
                    + " connections go through it without proxy authentication");
        }
        for (String entry : noProxyEntries(proxy)) {
            if (entry.indexOf('*') >= 0 && !entry.equals("*") && !(entry.startsWith("*.") && entry.indexOf('*', 1) < 0)) {
                notes.add("Jenkins' no-proxy pattern '" + entry + "' is not understood by Slipway (it takes host names,"
                        + " .domain and *.domain): hosts it names go through the proxy");
            }
        }
        return notes;
    }

    /** Jenkins' "no proxy" text split as Jenkins splits it: spaces, commas, {@code |} or new lines. */
    static List<String> noProxyEntries(ProxySettings proxy) {
        List<String> entries = new ArrayList<>();
        if (proxy.noProxyHost() != null) {
            for (String entry : proxy.noProxyHost().split("[ \t\r\n,|]+")) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }
}
