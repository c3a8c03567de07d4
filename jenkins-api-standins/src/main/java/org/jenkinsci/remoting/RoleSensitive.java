package org.jenkinsci.remoting;

/** Stand-in of remoting's org.jenkinsci.remoting.RoleSensitive. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
