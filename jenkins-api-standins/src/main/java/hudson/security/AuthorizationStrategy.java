package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;

/** Stand-in of jenkins-core hudson.security.AuthorizationStrategy. */
public abstract class AuthorizationStrategy implements Describable<AuthorizationStrategy>, ExtensionPoint {
    public AuthorizationStrategy() {
        throw new UnsupportedOperationException("stand-in");
    }
}
