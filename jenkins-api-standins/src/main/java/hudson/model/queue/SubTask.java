package hudson.model.queue;

/** Stand-in of jenkins-core hudson.model.queue.SubTask. */
public interface SubTask extends hudson.model.ResourceActivity, jenkins.model.queue.ITask {
}
