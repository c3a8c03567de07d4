package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.Map;

/** Stand-in of workflow-step-api's EnvironmentExpander. */
public abstract class EnvironmentExpander implements Serializable {

    public EnvironmentExpander() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static EnvironmentExpander constant(Map<String, String> env) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static EnvironmentExpander merge(EnvironmentExpander original, EnvironmentExpander subsequent) {
        throw new UnsupportedOperationException("stand-in");
    }
}
