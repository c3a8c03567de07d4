package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.FullyNamed. */
public interface FullyNamed {
    String getFullName();
}
