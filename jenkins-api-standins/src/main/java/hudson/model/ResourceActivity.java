package hudson.model;

/** Stand-in of jenkins-core hudson.model.ResourceActivity. */
public interface ResourceActivity extends ModelObject {
}
