package hudson.model;

import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Stand-in of jenkins-core hudson.model.TaskListener. */
public interface TaskListener extends SerializableOnlyOverRemoting {

    PrintStream getLogger();
}
