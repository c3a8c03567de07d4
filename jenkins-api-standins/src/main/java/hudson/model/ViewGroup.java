package hudson.model;

import hudson.security.AccessControlled;

/** Stand-in of jenkins-core hudson.model.ViewGroup. */
public interface ViewGroup extends Saveable, ModelObject, AccessControlled {
}
