package hudson.model;

/** Stand-in of jenkins-core hudson.model.TopLevelItem. */
public interface TopLevelItem extends Item, hudson.ExtensionPoint, Describable<TopLevelItem> {
}
