package hudson.tasks;

import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * Stand-in of jenkins-core hudson.tasks.BuildStepDescriptor. {@code isApplicable} takes
 * {@code Class<? extends AbstractProject>} in the real class; the stand-in declares its erasure, so plugin code
 * overrides it with a raw {@code Class} (which also overrides the real one) and AbstractProject's hierarchy is not
 * stood in.
 */
public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    @SuppressWarnings("rawtypes")
    public abstract boolean isApplicable(Class jobType);
}
