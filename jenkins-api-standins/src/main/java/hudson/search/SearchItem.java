package hudson.search;

/** Stand-in of jenkins-core hudson.search.SearchItem. */
public interface SearchItem {
}
