package org.jenkinsci.plugins.workflow.flow;

import hudson.model.Queue;
import java.io.Serializable;

/** Stand-in of workflow-api's FlowExecutionOwner, for its nested Executable. */
public abstract class FlowExecutionOwner implements Serializable {

    public FlowExecutionOwner() {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of FlowExecutionOwner.Executable: a run of a Pipeline. */
    public interface Executable extends Queue.Executable {
    }
}
