package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import jenkins.console.WithConsoleUrl;
import jenkins.model.HistoricalBuild;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerProxy;

/** Stand-in of jenkins-core hudson.model.Run. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot, DescriptorByNameOwner, OnMaster,
        StaplerProxy, HistoricalBuild, WithConsoleUrl {

    protected Run(JobT job) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public int compareTo(RunT that) {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("stand-in");
    }
}
