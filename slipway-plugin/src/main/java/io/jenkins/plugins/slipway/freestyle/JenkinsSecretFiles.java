package io.jenkins.plugins.slipway.freestyle;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import dev.slipway.support.Secret;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/** plain-credentials' secret files as a {@link SecretFileLookup}, on the controller, in the scope of the build. */
final class JenkinsSecretFiles implements SecretFileLookup {
    private final Run<?, ?> run;

    JenkinsSecretFiles(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public Optional<Secret> content(String credentialsId) {
        FileCredentials file = CredentialsProvider.findCredentialById(credentialsId, FileCredentials.class, run, List.of());
        if (file == null) {
            return Optional.empty();
        }
        try (InputStream in = file.getContent()) {
            return Optional.of(Secret.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading secret file credential '" + credentialsId + "'", e);
        }
    }
}
