package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.support.Secret;
import java.util.Optional;

/**
 * Finds the content of a secret file credential (a kubeconfig) by id in the scope of the running build. The builder
 * implements it with plain-credentials' {@code FileCredentials} on the controller; tests use a map (Jenkins' credential
 * store is not available here).
 */
@FunctionalInterface
public interface SecretFileLookup {
    Optional<Secret> content(String credentialsId);
}
