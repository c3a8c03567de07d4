package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.FullyNamedModelObject. */
public interface FullyNamedModelObject extends hudson.model.ModelObject {
}
