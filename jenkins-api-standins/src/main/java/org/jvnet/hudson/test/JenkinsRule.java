package org.jvnet.hudson.test;

import hudson.model.Job;
import hudson.model.Label;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import jenkins.model.ParameterizedJobMixIn;

/**
 * Stand-in of jenkins-test-harness' JenkinsRule, for compiling the *ITest sources only (they run in
 * slipway-plugin-jenkins against the real harness). Its JUnit 4 rule interfaces and RootAction are left out.
 */
public class JenkinsRule {
    public jenkins.model.Jenkins jenkins;

    public JenkinsRule() {
        throw new UnsupportedOperationException("stand-in");
    }

    public DumbSlave createOnlineSlave(Label l) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            R buildAndAssertSuccess(J job) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public <B extends hudson.tasks.Builder> B configRoundtrip(B before) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public java.net.URL getURL() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
