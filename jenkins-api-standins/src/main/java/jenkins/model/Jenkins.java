package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.model.DescriptorByNameOwner;
import hudson.model.ModifiableViewGroup;
import hudson.security.AccessControlled;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import jakarta.servlet.ServletContext;
import java.io.File;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;

/** Stand-in of jenkins-core jenkins.model.Jenkins. */
public class Jenkins extends AbstractCIBase implements DirectlyModifiableTopLevelItemGroup, StaplerProxy, StaplerFallback,
        ModifiableViewGroup, AccessControlled, DescriptorByNameOwner, ModelObjectWithContextMenu, ModelObjectWithChildren,
        OnMaster, Loadable {
    // null: the real value is built by Jenkins; a stand-in only needs the field to exist (never a constant)
    public static final Permission READ = null;

    public static final Permission ADMINISTER = null;

    protected Jenkins(File root, ServletContext context) {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getFullName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static Jenkins get() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getRootUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    public hudson.ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setAuthorizationStrategy(AuthorizationStrategy a) {
        throw new UnsupportedOperationException("stand-in");
    }
}
