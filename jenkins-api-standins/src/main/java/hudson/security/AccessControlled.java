package hudson.security;

/** Stand-in of jenkins-core hudson.security.AccessControlled. */
public interface AccessControlled {
}
