package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.ModelObjectWithChildren. */
public interface ModelObjectWithChildren extends hudson.model.ModelObject {
}
