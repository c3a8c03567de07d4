package hudson.model;

/** Stand-in of jenkins-core hudson.model.DescriptorByNameOwner. */
public interface DescriptorByNameOwner extends ModelObject {
}
