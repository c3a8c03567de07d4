package hudson.security;

/** Stand-in of jenkins-core hudson.security.AccessControlled. */
public interface AccessControlled {
    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("stand-in");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("stand-in");
    }
}
