package hudson.model;

/** Stand-in of jenkins-core hudson.model.Item. */
public interface Item extends PersistenceRoot, jenkins.model.FullyNamedModelObject, hudson.search.SearchableModelObject, jenkins.model.FullyNamed, jenkins.model.Named, hudson.security.AccessControlled, jenkins.util.io.OnMaster {
}
