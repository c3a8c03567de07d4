package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.Loadable. */
public interface Loadable {
}
