package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

/** Stand-in of jenkins-core hudson.model.Descriptor. */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {

    protected Descriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }
}
