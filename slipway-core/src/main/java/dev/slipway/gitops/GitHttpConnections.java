package dev.slipway.gitops;

import dev.slipway.support.NetworkClients;
import dev.slipway.support.NetworkSettings;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnection;

/**
 * JGit's HTTP connections for one transport, from the engine's {@link NetworkSettings} instead of JGit's
 * global factory and the JVM's default {@code ProxySelector}: the proxy (or none) per host, proxy credentials
 * sent up front on plain-HTTP requests through the proxy, and the JDK's CAs plus the extra ones for HTTPS.
 */
public final class GitHttpConnections implements HttpConnectionFactory {
    private final NetworkSettings network;
    private final X509TrustManager trust;

    public GitHttpConnections(NetworkSettings network) {
        this.network = network;
        this.trust = network.extraCaPem() == null ? null : NetworkClients.trustManager(network);
    }

    /** Sets these connections on every HTTP transport a JGit command opens. */
    public <C extends TransportCommand<C, ?>> C applyTo(C command, TransportConfigCallback other) {
        return command.setTransportConfigCallback(transport -> {
            if (other != null) {
                other.configure(transport);
            }
            if (transport instanceof TransportHttp http) {
                http.setHttpConnectionFactory(this);
            }
        });
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    /** {@code ignored}: JGit's choice from the JVM-wide selector; ours comes from the settings. */
    @Override
    public HttpConnection create(URL url, Proxy ignored) throws IOException {
        Proxy proxy = NetworkClients.proxy(network, url.getHost());
        HttpConnection connection = new Connection(url, proxy);
        if (trust != null && "https".equalsIgnoreCase(url.getProtocol())) {
            try {
                connection.configure(null, new TrustManager[] {trust}, null);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS for " + url.getHost() + ": " + e.getMessage(), e);
            }
        }
        Optional<dev.slipway.support.Secret> authorization = NetworkClients.proxyAuthorization(network);
        if (proxy != Proxy.NO_PROXY && authorization.isPresent() && "http".equalsIgnoreCase(url.getProtocol())) {
            connection.setRequestProperty("Proxy-Authorization", authorization.get().reveal());
        }
        return connection;
    }

    /** JGit's connection over {@code HttpURLConnection}, opened with our proxy. */
    private static final class Connection extends JDKHttpConnection {
        Connection(URL url, Proxy proxy) throws IOException {
            super(url, proxy);
        }
    }
}
