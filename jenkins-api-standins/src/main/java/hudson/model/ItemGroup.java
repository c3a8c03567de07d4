package hudson.model;

import jenkins.model.FullyNamed;
import jenkins.model.FullyNamedModelObject;

/** Stand-in of jenkins-core hudson.model.ItemGroup. */
public interface ItemGroup<T extends Item> extends FullyNamed, FullyNamedModelObject, PersistenceRoot {
}
