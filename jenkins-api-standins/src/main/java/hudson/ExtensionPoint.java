package hudson;

/** Stand-in of jenkins-core hudson.ExtensionPoint. */
public interface ExtensionPoint {
}
