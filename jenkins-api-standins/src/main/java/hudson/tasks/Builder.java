package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

/** Stand-in of jenkins-core hudson.tasks.Builder. */
@SuppressWarnings("deprecation")
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    public Builder() {
        throw new UnsupportedOperationException("stand-in");
    }
}
