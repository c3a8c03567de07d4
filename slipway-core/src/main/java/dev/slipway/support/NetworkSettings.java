package dev.slipway.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the engine reaches the network, for every HTTP client it builds (registries, Azure AD, ARM, Argo CD, Git
 * hosts, Git over HTTPS, Kubernetes): an HTTP proxy with optional credentials, hosts reached without it, CA
 * certificates trusted in addition to the JDK's, and timeouts. Serializable, so the controller can hand the
 * Jenkins proxy settings to the agent; the proxy password is a {@link Secret} and never renders.
 *
 * @param proxyHost      the HTTP proxy's host, or {@code null} for direct connections
 * @param proxyPort      its port
 * @param proxyUser      user name for the proxy, or {@code null}
 * @param proxyPassword  its password, or {@code null}
 * @param noProxy        hosts reached directly: {@code example.com} (and its subdomains), {@code .example.com},
 *                       {@code *.example.com}, an IP address, or {@code *} for all
 * @param extraCaPem     PEM text of CA certificates trusted in addition to the JDK's, or {@code null}
 * @param connectTimeout how long a TCP (and proxy) connection may take
 * @param readTimeout    how long a client may wait for data where the client has such a setting (Git, Kubernetes,
 *                       Azure AD); the engine's own requests carry their own deadlines
 */
public record NetworkSettings(String proxyHost, int proxyPort, String proxyUser, Secret proxyPassword, List<String> noProxy,
        String extraCaPem, Duration connectTimeout, Duration readTimeout) implements EngineMessage {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);
    /** Azure's instance metadata service (managed identity tokens): always reached directly. */
    public static final String INSTANCE_METADATA_HOST = "169.254.169.254";

    public NetworkSettings {
        proxyHost = blankToNull(proxyHost);
        if (proxyHost != null && (proxyPort < 1 || proxyPort > 65535)) {
            throw new InvalidInputException("proxy", "port " + proxyPort + " of proxy " + proxyHost + " is not a TCP port",
                    "give the proxy as http://host:port with a port from 1 to 65535");
        }
        proxyUser = blankToNull(proxyUser);
        if (proxyPassword != null && proxyPassword.isEmpty()) {
            proxyPassword = null;
        }
        List<String> hosts = new ArrayList<>();
        for (String entry : noProxy == null ? List.<String>of() : noProxy) {
            for (String part : entry.split(",")) {
                String host = part.trim().toLowerCase(Locale.ROOT);
                if (!host.isEmpty()) {
                    hosts.add(host);
                }
            }
        }
        noProxy = List.copyOf(hosts);
        extraCaPem = blankToNull(extraCaPem);
        if (extraCaPem != null && !extraCaPem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidInputException("ca-file", "the extra CA certificates hold no PEM certificate",
                    "give PEM text with -----BEGIN CERTIFICATE----- blocks");
        }
        connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        readTimeout = positive("readTimeout", readTimeout, DEFAULT_READ_TIMEOUT);
    }

    /** Direct connections, the JDK's trust store, default timeouts. */
    public static NetworkSettings direct() {
        return new NetworkSettings(null, 0, null, null, List.of(), null, null, null);
    }

    /**
     * The proxy from a URL as in {@code HTTPS_PROXY}: {@code http://[user:password@]host:port} or {@code host:port};
     * {@code null} or blank for none. Credentials in the URL become the proxy user and password.
     */
    public NetworkSettings withProxyUrl(String url) {
        if (url == null || url.isBlank()) {
            return new NetworkSettings(null, 0, null, null, noProxy, extraCaPem, connectTimeout, readTimeout);
        }
        String text = url.trim();
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("proxy", "'" + withoutUserInfo(text) + "' is not a proxy URL",
                    "give the proxy as http://host:port");
        }
        if (uri.getScheme() != null && !uri.getScheme().equalsIgnoreCase("http")) {
            throw new InvalidInputException("proxy", "'" + withoutUserInfo(text) + "' uses " + uri.getScheme()
                    + "; only HTTP proxies are supported", "give the proxy as http://host:port");
        }
        if (uri.getHost() == null) {
            throw new InvalidInputException("proxy", "'" + withoutUserInfo(text) + "' names no host", "give the proxy as http://host:port");
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String user = proxyUser;
        Secret password = proxyPassword;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : Secret.of(decode(info.substring(colon + 1)));
        }
        return new NetworkSettings(uri.getHost(), port, user, password, noProxy, extraCaPem, connectTimeout, readTimeout);
    }

    /** The proxy as {@code host:port}. */
    public NetworkSettings withProxy(String host, int port) {
        return new NetworkSettings(host, port, proxyUser, proxyPassword, noProxy, extraCaPem, connectTimeout, readTimeout);
    }

    public NetworkSettings withProxyCredentials(String user, Secret password) {
        return new NetworkSettings(proxyHost, proxyPort, user, password, noProxy, extraCaPem, connectTimeout, readTimeout);
    }

    /** Hosts reached without the proxy, as in {@code NO_PROXY} (comma separated entries allowed). */
    public NetworkSettings withNoProxy(List<String> hosts) {
        return new NetworkSettings(proxyHost, proxyPort, proxyUser, proxyPassword, hosts, extraCaPem, connectTimeout, readTimeout);
    }

    /** CA certificates (PEM text) trusted in addition to the JDK's; appended to any given before. */
    public NetworkSettings withExtraCaPem(String pem) {
        String joined = extraCaPem == null ? pem : pem == null ? extraCaPem : extraCaPem + "\n" + pem;
        return new NetworkSettings(proxyHost, proxyPort, proxyUser, proxyPassword, noProxy, joined, connectTimeout, readTimeout);
    }

    public NetworkSettings withTimeouts(Duration connect, Duration read) {
        return new NetworkSettings(proxyHost, proxyPort, proxyUser, proxyPassword, noProxy, extraCaPem, connect, read);
    }

    public boolean hasProxy() {
        return proxyHost != null;
    }

    public boolean hasProxyCredentials() {
        return proxyHost != null && proxyUser != null && proxyPassword != null;
    }

    /** {@code host:port} of the proxy for connections to {@code host}, or empty when they go direct. */
    public Optional<String> proxyFor(String host) {
        return hasProxy() && !bypassesProxy(host) ? Optional.of(proxyHost + ":" + proxyPort) : Optional.empty();
    }

    /** Whether {@code host} is reached without the proxy ({@link #noProxy()} matching, case-insensitive). */
    public boolean bypassesProxy(String host) {
        if (host == null) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals(INSTANCE_METADATA_HOST)) {
            return true; // the VM's own metadata service (managed identity) answers only without a proxy
        }
        for (String pattern : noProxy) {
            if (pattern.equals("*")) {
                return true;
            }
            String domain = pattern.startsWith("*.") ? pattern.substring(1) : pattern;
            int colon = domain.lastIndexOf(':');
            if (colon > 0 && domain.indexOf(':') == colon) {
                domain = domain.substring(0, colon); // NO_PROXY entries may carry a port; match on the host
            }
            if (domain.startsWith(".") ? name.endsWith(domain) || name.equals(domain.substring(1))
                    : name.equals(domain) || name.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** The proxy for messages: {@code http://user@host:port}, never the password. */
    public String describeProxy() {
        return hasProxy() ? "http://" + (proxyUser == null ? "" : proxyUser + "@") + proxyHost + ":" + proxyPort : "none";
    }

    @Override
    public String toString() {
        return "NetworkSettings[proxy=" + describeProxy() + ", noProxy=" + noProxy + ", extraCa="
                + (extraCaPem == null ? "none" : "given") + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + "]";
    }

    private static String withoutUserInfo(String url) {
        return url.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://)?[^/@]*@", "$1****@");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Duration positive(String field, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new InvalidInputException(field, "must be positive, was " + value, "give a timeout greater than zero");
        }
        return value;
    }
}
