package hudson.security;

import org.springframework.security.core.Authentication;

/** Stand-in of jenkins-core hudson.security.ACL. */
public abstract class ACL {
    // null: the real value is built by Jenkins; a stand-in only needs the field to exist (never a constant)
    public static final Authentication SYSTEM2 = null;

    public ACL() {
        throw new UnsupportedOperationException("stand-in");
    }
}
