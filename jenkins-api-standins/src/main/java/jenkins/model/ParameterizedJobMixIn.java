package jenkins.model;

import hudson.model.BuildableItem;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import jenkins.triggers.TriggeredItem;

/** Stand-in of jenkins-core jenkins.model.ParameterizedJobMixIn, for its nested ParameterizedJob. */
public abstract class ParameterizedJobMixIn<
        JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
        RunT extends Run<JobT, RunT> & Queue.Executable> {

    public ParameterizedJobMixIn() {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of jenkins.model.ParameterizedJobMixIn.ParameterizedJob. */
    public interface ParameterizedJob<
            JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
            RunT extends Run<JobT, RunT> & Queue.Executable> extends BuildableItem, TriggeredItem {
    }
}
