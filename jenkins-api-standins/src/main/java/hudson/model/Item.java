package hudson.model;

/** Stand-in of jenkins-core hudson.model.Item. */
public interface Item extends PersistenceRoot, jenkins.model.FullyNamedModelObject, hudson.search.SearchableModelObject, jenkins.model.FullyNamed, jenkins.model.Named, hudson.security.AccessControlled, jenkins.util.io.OnMaster {
    // null: the real values are built by Jenkins; a stand-in only needs the field to exist (never a constant)
    hudson.security.Permission READ = null;

    hudson.security.Permission DISCOVER = null;

    hudson.security.Permission CONFIGURE = null;
}
