package jenkins.model;

/** Stand-in of jenkins-core jenkins.model.DirectlyModifiableTopLevelItemGroup. */
public interface DirectlyModifiableTopLevelItemGroup extends ModifiableTopLevelItemGroup {
}
