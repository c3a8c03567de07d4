package io.jenkins.plugins.slipway.steps;

import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.model.BuildLog;
import java.io.PrintStream;

/** The build's log as a {@link BuildLog}; the listener is serializable, so it writes back from the agent. */
public final class ListenerLog implements BuildLog {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;

    public ListenerLog(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public PrintStream stream() {
        return listener.getLogger();
    }
}
