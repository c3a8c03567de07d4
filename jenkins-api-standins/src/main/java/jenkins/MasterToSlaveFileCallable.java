package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

/** Stand-in of jenkins-core jenkins.MasterToSlaveFileCallable: work that runs on an agent, on a workspace file. */
public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {

    public MasterToSlaveFileCallable() {
        throw new UnsupportedOperationException("stand-in");
    }
}
