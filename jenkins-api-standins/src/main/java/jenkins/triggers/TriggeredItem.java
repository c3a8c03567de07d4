package jenkins.triggers;

/** Stand-in of jenkins-core jenkins.triggers.TriggeredItem. */
public interface TriggeredItem extends hudson.model.Item {
}
