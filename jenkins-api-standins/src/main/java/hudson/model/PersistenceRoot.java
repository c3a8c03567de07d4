package hudson.model;

/** Stand-in of jenkins-core hudson.model.PersistenceRoot. */
public interface PersistenceRoot extends Saveable {
}
