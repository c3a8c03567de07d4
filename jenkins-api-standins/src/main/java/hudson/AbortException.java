package hudson;

import java.io.IOException;

/** Stand-in of jenkins-core hudson.AbortException. */
public class AbortException extends IOException {
    public AbortException(String message) {
        throw new UnsupportedOperationException("stand-in");
    }
}
