package hudson.model;

import hudson.security.AccessControlled;
import jenkins.model.Loadable;
import org.kohsuke.stapler.HttpDeletable;
import org.kohsuke.stapler.StaplerProxy;

/** Stand-in of jenkins-core hudson.model.AbstractItem. */
public abstract class AbstractItem extends Actionable
        implements Loadable, Item, HttpDeletable, AccessControlled, DescriptorByNameOwner, StaplerProxy {

    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stand-in");
    }

    public final String getFullName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("stand-in");
    }
}
