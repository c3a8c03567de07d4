package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.concurrent.Future;

/** Stand-in of workflow-step-api's BodyExecution. */
public abstract class BodyExecution implements Future<Object>, Serializable {

    public BodyExecution() {
        throw new UnsupportedOperationException("stand-in");
    }
}
