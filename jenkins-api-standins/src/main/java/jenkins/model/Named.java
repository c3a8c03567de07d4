package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.Named. */
public interface Named {
}
