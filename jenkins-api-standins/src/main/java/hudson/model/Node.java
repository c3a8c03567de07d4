package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import jenkins.util.io.OnMaster;

/** Stand-in of jenkins-core hudson.model.Node (a supertype of Jenkins; none of its members is used). */
public abstract class Node extends AbstractModelObject
        implements ReconfigurableDescribable<Node>, ExtensionPoint, AccessControlled, OnMaster, PersistenceRoot {
    public Node() {
        throw new UnsupportedOperationException("stand-in");
    }
}
