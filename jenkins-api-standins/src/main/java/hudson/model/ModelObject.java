package hudson.model;

/** Stand-in of jenkins-core hudson.model.ModelObject. */
public interface ModelObject {
}
