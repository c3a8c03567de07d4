package org.jenkinsci.remoting;

/** Stand-in of remoting's org.jenkinsci.remoting.RoleChecker. */
public abstract class RoleChecker {

    public RoleChecker() {
        throw new UnsupportedOperationException("stand-in");
    }
}
