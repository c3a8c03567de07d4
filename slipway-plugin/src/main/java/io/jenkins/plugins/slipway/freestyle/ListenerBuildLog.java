package io.jenkins.plugins.slipway.freestyle;

import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.model.BuildLog;
import java.io.PrintStream;

/** The build's log as a {@link BuildLog}; the listener is serializable, so it writes back from the agent. */
final class ListenerBuildLog implements BuildLog {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;

    ListenerBuildLog(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public PrintStream stream() {
        return listener.getLogger();
    }
}
