package hudson;

import hudson.model.Describable;
import hudson.model.Saveable;
import java.io.Serializable;

/** Stand-in of jenkins-core hudson.ProxyConfiguration (the getters Slipway maps to its transport settings). */
public final class ProxyConfiguration implements Describable<ProxyConfiguration>, Saveable, Serializable {
    private ProxyConfiguration() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public int getPort() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getUserName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getNoProxyHost() {
        throw new UnsupportedOperationException("stand-in");
    }
}
