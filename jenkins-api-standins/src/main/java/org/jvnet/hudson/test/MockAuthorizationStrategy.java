package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

/**
 * Stand-in of jenkins-test-harness' MockAuthorizationStrategy, for compiling the *ITest sources only (they run in
 * slipway-plugin-jenkins against the real harness). Grant and GrantOn are inner classes in the real harness; here
 * they are static, because javac's inner-class constructor (storing the outer instance) is not a bare throw. Callers
 * only invoke their methods, whose bytecode is the same either way.
 */
public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException("stand-in");
    }

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static class Grant {
        private Grant() {
            throw new UnsupportedOperationException("stand-in");
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException("stand-in");
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException("stand-in");
        }

        public static class GrantOn {
            private GrantOn() {
                throw new UnsupportedOperationException("stand-in");
            }

            public MockAuthorizationStrategy toEveryone() {
                throw new UnsupportedOperationException("stand-in");
            }
        }
    }
}
