package hudson.util;

import java.io.Serializable;

/** Stand-in of jenkins-core hudson.util.Secret. */
public final class Secret implements Serializable {

    private Secret() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("stand-in");
    }
}
