package io.jenkins.plugins.slipway.model;

import java.util.Optional;

/**
 * Finds a credential by id in the scope of the running build. The step execution implements it with the
 * credentials plugin on the controller; tests use a map (a fake: Jenkins' credential store is not available here).
 */
@FunctionalInterface
public interface CredentialLookup {
    Optional<FoundCredential> find(String credentialsId);
}
