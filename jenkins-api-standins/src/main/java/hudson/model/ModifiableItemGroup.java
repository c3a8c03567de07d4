package hudson.model;

/** Stand-in of jenkins-core hudson.model.ModifiableItemGroup. */
public interface ModifiableItemGroup<T extends Item> extends ItemGroup<T> {
}
