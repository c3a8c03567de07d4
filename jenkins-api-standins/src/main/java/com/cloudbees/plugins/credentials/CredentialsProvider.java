package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import java.util.List;
import org.jenkins.ui.icon.IconSpec;

/** Stand-in of credentials' CredentialsProvider. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider>, IconSpec {

    // null: the real value is built by the plugin; a stand-in only needs the field to exist (never a constant)
    public static final hudson.security.Permission USE_ITEM = null;

    public CredentialsProvider() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stand-in");
    }
}
