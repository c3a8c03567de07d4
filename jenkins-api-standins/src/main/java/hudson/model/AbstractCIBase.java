package hudson.model;

import hudson.security.AccessControlled;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;

/** Stand-in of jenkins-core hudson.model.AbstractCIBase (a supertype of Jenkins; none of its members is used). */
public abstract class AbstractCIBase extends Node implements ItemGroup<TopLevelItem>, StaplerProxy, StaplerFallback, ViewGroup,
        AccessControlled, DescriptorByNameOwner {
    public AbstractCIBase() {
        throw new UnsupportedOperationException("stand-in");
    }
}
