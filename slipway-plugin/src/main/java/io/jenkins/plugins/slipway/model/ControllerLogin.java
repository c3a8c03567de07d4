package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryLogin;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Events;
import java.nio.file.Path;

/**
 * What the controller hands the agent for a registry (DESIGN.md, "Where things run in Jenkins"): an Azure AD identity
 * is exchanged here for an ACR refresh token, so the Azure credential never leaves the controller; basic credentials
 * and anonymous access go as they are.
 */
public final class ControllerLogin {
    private ControllerLogin() {
    }

    /**
     * @param controllerTemp a folder on the controller for the engine context (the exchange writes no file)
     */
    public static RegistryAuth forAgent(RegistryAuth auth, ImageRef image, RegistryTransport transport, NetworkSettings network,
            Events events,
            Path controllerTemp) {
        if (!(auth instanceof RegistryAuth.AzureAd)) {
            return auth;
        }
        RegistryLogin.LoginCredentials login = new RegistryLogin(new EngineContext(controllerTemp, events).withNetwork(network))
                .credentials(image.registry(), auth, transport);
        return new RegistryAuth.AcrRefreshToken(login.password());
    }
}
