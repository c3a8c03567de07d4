package hudson.security;

/** Stand-in of jenkins-core hudson.security.Permission (its real constructors are not needed). */
public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("stand-in");
    }
}
