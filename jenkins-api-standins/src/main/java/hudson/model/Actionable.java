package hudson.model;

import jenkins.model.ModelObjectWithContextMenu;

/** Stand-in of jenkins-core hudson.model.Actionable. */
public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {

    public Actionable() {
        throw new UnsupportedOperationException("stand-in");
    }
}
