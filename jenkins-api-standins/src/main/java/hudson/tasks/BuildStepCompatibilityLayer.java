package hudson.tasks;

/** Stand-in of jenkins-core hudson.tasks.BuildStepCompatibilityLayer (deprecated, still Builder's superclass). */
@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {
    public BuildStepCompatibilityLayer() {
        throw new UnsupportedOperationException("stand-in");
    }
}
