package io.jenkins.plugins.slipway.environments;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.microsoft.azure.util.AzureBaseCredentials;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credential drop-downs of the Slipway forms: the kinds each field accepts, listed only for someone allowed to
 * configure the context (a job: {@code Item.CONFIGURE}; the global configuration: {@code Jenkins.ADMINISTER}); anyone
 * else sees just the current value, so the ids of credentials are not disclosed.
 */
public final class CredentialItems {

    /** What a credential field accepts. */
    public enum Kind {
        /** An Azure identity (exchanged for an ACR token) or username/password (ACR token, admin user, any registry). */
        REGISTRY,
        /** A secret file holding a kubeconfig. */
        KUBECONFIG,
        /** An Azure service principal or managed identity. */
        AZURE,
        /** Username with password or token (HTTPS Git). */
        GIT,
        /** Secret text (an Argo CD API token). */
        TOKEN
    }

    private CredentialItems() {
    }

    /**
     * @param context the job being configured, or {@code null} on the global configuration page
     */
    public static ListBoxModel list(Item context, String current, Kind kind) {
        StandardListBoxModel model = new StandardListBoxModel();
        boolean allowed = context == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : context.hasPermission(Item.CONFIGURE);
        if (!allowed) {
            model.includeCurrentValue(current);
            return model;
        }
        model.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, context, StandardCredentials.class, List.of(), matcher(kind))
                .includeCurrentValue(current);
        return model;
    }

    static CredentialsMatcher matcher(Kind kind) {
        return switch (kind) {
            case REGISTRY -> CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(AzureBaseCredentials.class),
                    CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
            case KUBECONFIG -> CredentialsMatchers.instanceOf(FileCredentials.class);
            case AZURE -> CredentialsMatchers.instanceOf(AzureBaseCredentials.class);
            case GIT -> CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class);
            case TOKEN -> CredentialsMatchers.instanceOf(StringCredentials.class);
        };
    }
}
