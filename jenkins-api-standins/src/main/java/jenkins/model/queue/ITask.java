package jenkins.model.queue;

/** Stand-in of jenkins-core jenkins.model.queue.ITask. */
public interface ITask extends jenkins.model.FullyNamedModelObject {
}
