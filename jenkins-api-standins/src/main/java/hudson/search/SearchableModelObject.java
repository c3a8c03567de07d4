package hudson.search;

/** Stand-in of jenkins-core hudson.search.SearchableModelObject. */
public interface SearchableModelObject extends hudson.model.ModelObject, SearchItem {
}
