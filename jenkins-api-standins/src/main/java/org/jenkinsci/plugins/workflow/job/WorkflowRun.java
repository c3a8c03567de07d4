package org.jenkinsci.plugins.workflow.job;

import hudson.model.Run;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

/** Stand-in of workflow-job's WorkflowRun (some of its supertypes left out). */
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements FlowExecutionOwner.Executable {

    public WorkflowRun(WorkflowJob job) throws IOException {
        super(job);
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("stand-in");
    }
}
