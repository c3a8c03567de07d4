package io.jenkins.plugins.slipway.steps;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.model.FieldCheck;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The credential drop-downs and form checks of the steps' Snippet Generator forms. Only someone who may configure the
 * job (or administer Jenkins, outside a job) sees the credentials listed; others see the current value only.
 */
final class CredentialItems {
    private CredentialItems() {
    }

    /** The credentials of the given kinds visible in the job, with an empty choice and the current value kept. */
    static ListBoxModel list(Item item, String current, Class<?>... kinds) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayConfigure(item)) {
            model.includeCurrentValue(current);
            return model;
        }
        CredentialsMatcher[] matchers = new CredentialsMatcher[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            matchers[i] = CredentialsMatchers.instanceOf(kinds[i]);
        }
        model.includeEmptyValue();
        model.includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(), CredentialsMatchers.anyOf(matchers));
        model.includeCurrentValue(current);
        return model;
    }

    /** A plain check's problem as a form error; nothing for someone who may not configure the job. */
    static FormValidation check(Item item, Optional<String> problem) {
        if (!mayConfigure(item) || problem.isEmpty()) {
            return FormValidation.ok();
        }
        return FormValidation.error(problem.get());
    }

    /** A plain field check's refusal as a form error; nothing for someone who may not configure the job. */
    static FormValidation check(Item item, FieldCheck check) {
        return check(item, check.ok() ? Optional.empty() : Optional.ofNullable(check.message()));
    }

    private static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
