package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

/** Stand-in of jenkins-core jenkins.model.TransientActionFactory. */
public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public TransientActionFactory() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract Class<T> type();

    public Class<? extends Action> actionType() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract Collection<? extends Action> createFor(T target);
}
