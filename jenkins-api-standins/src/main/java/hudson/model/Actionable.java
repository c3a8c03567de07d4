package hudson.model;

import jenkins.model.ModelObjectWithContextMenu;

/** Stand-in of jenkins-core hudson.model.Actionable. */
public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {

    public Actionable() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }
}
