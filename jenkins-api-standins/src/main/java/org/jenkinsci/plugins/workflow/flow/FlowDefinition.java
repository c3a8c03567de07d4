package org.jenkinsci.plugins.workflow.flow;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stand-in of workflow-api's FlowDefinition. */
@SuppressWarnings("deprecation") // the real one still extends it
public abstract class FlowDefinition extends AbstractDescribableImpl<FlowDefinition> implements ExtensionPoint {

    public FlowDefinition() {
        throw new UnsupportedOperationException("stand-in");
    }
}
