package hudson.model;

/** Stand-in of jenkins-core hudson.model.Action. */
public interface Action extends ModelObject {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
