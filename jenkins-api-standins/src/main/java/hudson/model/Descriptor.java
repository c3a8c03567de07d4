package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.HttpResponse;

/** Stand-in of jenkins-core hudson.model.Descriptor. */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {

    protected Descriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of hudson.model.Descriptor.FormException. */
    public static final class FormException extends Exception implements HttpResponse {

        public FormException(String message, String field) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
