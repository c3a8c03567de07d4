package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.ModelObjectWithContextMenu. */
public interface ModelObjectWithContextMenu extends hudson.model.ModelObject {
}
