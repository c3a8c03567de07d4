package hudson.tasks;

/** Stand-in of jenkins-core hudson.tasks.BuildStep (its abstract methods are implemented by BuildStepCompatibilityLayer). */
public interface BuildStep {
}
