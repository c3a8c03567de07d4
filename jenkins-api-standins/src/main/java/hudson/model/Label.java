package hudson.model;

import jenkins.model.ModelObjectWithChildren;

/** Stand-in of jenkins-core hudson.model.Label. */
public abstract class Label extends Actionable implements Comparable<Label>, ModelObjectWithChildren {

    protected Label(String name) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static Label get(String l) {
        throw new UnsupportedOperationException("stand-in");
    }
}
