package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Describable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jvnet.hudson.test.JenkinsRule;

/** Stand-in of workflow-cps' test-jar SnippetizerTester (for the *ITests only). */
public class SnippetizerTester {

    public SnippetizerTester(JenkinsRule r) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void assertRoundTrip(Step step, String expected) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public static void assertDocGeneration(Class<? extends Describable> describableClass) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }
}
