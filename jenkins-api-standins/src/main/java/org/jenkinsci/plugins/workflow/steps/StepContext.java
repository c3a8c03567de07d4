package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

/** Stand-in of workflow-step-api's StepContext. */
public abstract class StepContext implements FutureCallback<Object>, Serializable {

    public StepContext() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;
}
