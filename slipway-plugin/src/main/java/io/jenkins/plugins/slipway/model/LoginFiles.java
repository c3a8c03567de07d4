package io.jenkins.plugins.slipway.model;

import dev.slipway.registry.RegistryLogin;
import dev.slipway.registry.TemporaryDockerConfig;
import dev.slipway.support.Secret;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code withAcr}'s login on the agent: a private Docker config (folder 700, {@code config.json} 600) for the body's
 * tools, named by {@code DOCKER_CONFIG} (docker) and {@code REGISTRY_AUTH_FILE} (buildah, skopeo, podman), and its
 * removal when the body ends, whatever the body did.
 */
public final class LoginFiles {
    public static final String DOCKER_CONFIG = "DOCKER_CONFIG";
    public static final String REGISTRY_AUTH_FILE = "REGISTRY_AUTH_FILE";

    private LoginFiles() {
    }

    /** What the controller sends the agent: never an Azure credential, at most an ACR refresh token. */
    public record AgentLogin(String registry, String username, Secret password) implements Serializable {
        public AgentLogin {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        public static AgentLogin of(RegistryLogin.LoginCredentials credentials) {
            return new AgentLogin(credentials.registry(), credentials.username(), credentials.password());
        }
    }

    /** Where the login was written on the agent; paths only, nothing secret. */
    public record LoginFolder(String folder, String authFile) implements Serializable {
        /** The variables the body sees. */
        public Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put(DOCKER_CONFIG, folder);
            environment.put(REGISTRY_AUTH_FILE, authFile);
            return environment;
        }
    }

    public static LoginFolder write(AgentLogin login) {
        TemporaryDockerConfig config = TemporaryDockerConfig.write(
                new RegistryLogin.LoginCredentials(login.registry(), login.username(), login.password()));
        return new LoginFolder(config.folder().toString(), config.file().toString());
    }

    /**
     * Deletes the folder and everything in it (the body may have added files, such as docker's own config). A folder
     * already gone is fine: removal runs once more after a resumed build, and the body may have logged out.
     */
    public static void remove(LoginFolder login) {
        Path folder = Path.of(login.folder());
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true, true);
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the registry login folder " + folder
                    + "; delete it by hand, it holds a registry credential", e);
        }
    }
}
