package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

/** Stand-in of jenkins-core hudson.util.FormValidation. */
public abstract class FormValidation extends IOException implements HttpResponse {
    private FormValidation() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stand-in");
    }
}
