package hudson.model;

import hudson.model.queue.SubTask;
import jenkins.console.WithConsoleUrl;
import jenkins.model.FullyNamedModelObject;

/** Stand-in of jenkins-core hudson.model.Queue, for its nested types. */
public class Queue extends ResourceController implements Saveable {

    private Queue() {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of hudson.model.Queue.Task. */
    public interface Task extends FullyNamedModelObject, SubTask {
    }

    /** Stand-in of hudson.model.Queue.Executable. */
    public interface Executable extends Runnable, WithConsoleUrl {
    }
}
