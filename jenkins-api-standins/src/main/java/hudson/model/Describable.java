package hudson.model;

/** Stand-in of jenkins-core hudson.model.Describable. */
public interface Describable<T extends Describable<T>> {
}
