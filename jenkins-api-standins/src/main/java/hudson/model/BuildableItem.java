package hudson.model;

/** Stand-in of jenkins-core hudson.model.BuildableItem. */
public interface BuildableItem extends Item, Queue.Task {
}
