package hudson.model;

import hudson.search.SearchableModelObject;

/** Stand-in of jenkins-core hudson.model.AbstractModelObject. */
public abstract class AbstractModelObject implements SearchableModelObject {

    public AbstractModelObject() {
        throw new UnsupportedOperationException("stand-in");
    }
}
