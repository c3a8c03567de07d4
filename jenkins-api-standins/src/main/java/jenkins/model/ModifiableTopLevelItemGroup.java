package jenkins.model;

import hudson.model.ModifiableItemGroup;
import hudson.model.TopLevelItem;

/** Stand-in of jenkins-core jenkins.model.ModifiableTopLevelItemGroup. */
public interface ModifiableTopLevelItemGroup extends ModifiableItemGroup<TopLevelItem> {
}
