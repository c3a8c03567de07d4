package hudson.model;

/** Stand-in of jenkins-core hudson.model.Saveable. */
public interface Saveable {
}
