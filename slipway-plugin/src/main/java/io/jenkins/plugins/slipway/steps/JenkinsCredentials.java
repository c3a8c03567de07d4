package io.jenkins.plugins.slipway.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.microsoft.azure.util.AzureCredentials;
import com.microsoft.azure.util.AzureImdsCredentials;
import dev.slipway.support.Secret;
import hudson.model.Run;
import io.jenkins.plugins.slipway.model.CredentialLookup;
import io.jenkins.plugins.slipway.model.FoundCredential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials plugin as a {@link CredentialLookup}, on the controller, in the scope of the running build
 * ({@code findCredentialById} also records the use for credential tracking). It copies what Slipway needs into a
 * {@link FoundCredential}; the rest of the conversion is plain code.
 */
public final class JenkinsCredentials implements CredentialLookup {
    private final Run<?, ?> run;

    public JenkinsCredentials(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public Optional<FoundCredential> find(String credentialsId) {
        StandardCredentials credential = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class,
                run, List.of());
        return Optional.ofNullable(credential).map(JenkinsCredentials::copy);
    }

    private static FoundCredential copy(StandardCredentials credential) {
        if (credential instanceof AzureCredentials principal) {
            return new FoundCredential.AzureServicePrincipal(principal.getAzureEnvironmentName(),
                    principal.getActiveDirectoryEndpoint(), principal.getTenant(), principal.getClientId(),
                    secret(principal.getClientSecret()));
        }
        if (credential instanceof AzureImdsCredentials managed) {
            return new FoundCredential.AzureManagedIdentity(managed.getAzureEnvironmentName(), managed.getClientId());
        }
        if (credential instanceof SSHUserPrivateKey ssh) {
            List<String> keys = ssh.getPrivateKeys();
            return new FoundCredential.SshPrivateKey(ssh.getUsername(),
                    keys == null || keys.isEmpty() ? null : Secret.of(keys.get(0)), secret(ssh.getPassphrase()));
        }
        if (credential instanceof StandardUsernamePasswordCredentials basic) {
            return new FoundCredential.UsernamePassword(basic.getUsername(), secret(basic.getPassword()));
        }
        if (credential instanceof FileCredentials file) {
            return new FoundCredential.SecretFile(file.getFileName(), content(file));
        }
        if (credential instanceof StringCredentials text) {
            return new FoundCredential.SecretText(secret(text.getSecret()));
        }
        return new FoundCredential.Unsupported(credential.getClass().getSimpleName());
    }

    private static Secret content(FileCredentials file) {
        try (InputStream in = file.getContent()) {
            return Secret.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the message of the credential store's failure is not quoted: it may name the stored file
            throw new UncheckedIOException(new IOException("cannot read the content of the secret file credential"
                    + " uploaded as '" + file.getFileName() + "'"));
        }
    }

    private static Secret secret(hudson.util.Secret secret) {
        return secret == null ? null : Secret.of(secret.getPlainText());
    }
}
