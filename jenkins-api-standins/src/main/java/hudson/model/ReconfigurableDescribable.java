package hudson.model;

/** Stand-in of jenkins-core hudson.model.ReconfigurableDescribable. */
public interface ReconfigurableDescribable<T extends ReconfigurableDescribable<T>> extends Describable<T> {
}
