package hudson;

import java.util.TreeMap;

/** Stand-in of jenkins-core hudson.EnvVars: a run's environment variables (a case-insensitive map on Windows). */
public class EnvVars extends TreeMap<String, String> {

    public EnvVars() {
        throw new UnsupportedOperationException("stand-in");
    }
}
