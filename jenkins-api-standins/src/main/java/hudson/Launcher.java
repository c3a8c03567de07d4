package hudson;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

/** Stand-in of jenkins-core hudson.Launcher. */
public abstract class Launcher {
    protected Launcher(TaskListener listener, VirtualChannel channel) {
        throw new UnsupportedOperationException("stand-in");
    }
}
