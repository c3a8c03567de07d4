package hudson.model;

/** Stand-in of jenkins-core hudson.model.ModifiableViewGroup. */
public interface ModifiableViewGroup extends ViewGroup {
}
