package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import io.jenkins.plugins.slipway.environments.DeliverySettings;
import io.jenkins.plugins.slipway.model.CredentialConversion;
import io.jenkins.plugins.slipway.model.CredentialLookup;
import io.jenkins.plugins.slipway.model.FoundCredential;
import java.util.Objects;

/**
 * Turns the credential ids of resolved settings into engine credentials, naming the field and the fix when an id is
 * unknown or of the wrong kind. The registry credential is returned as found; the builder exchanges an Azure identity
 * for an ACR token on the controller afterwards.
 */
public final class DeliveryCredentialResolver {
    private final CredentialLookup credentials;
    private final SecretFileLookup secretFiles;

    public DeliveryCredentialResolver(CredentialLookup credentials, SecretFileLookup secretFiles) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.secretFiles = Objects.requireNonNull(secretFiles, "secretFiles");
    }

    public DeliveryCredentials resolve(DeliverySettings settings) {
        RegistryAuth registry = new CredentialConversion(credentials).registryAuth("registryCredentialsId",
                settings.registryCredentialsId());
        return new DeliveryCredentials(registry, cluster(settings), git(settings.gitCredentialsId()),
                token(settings.argoCdCredentialsId()));
    }

    private ClusterAccess cluster(DeliverySettings s) {
        if (s.kubeconfigCredentialsId() != null) {
            Secret kubeconfig = secretFiles.content(s.kubeconfigCredentialsId()).orElseThrow(() ->
                    new InvalidInputException("kubeconfigCredentialsId", "there is no secret file credential '"
                            + s.kubeconfigCredentialsId() + "' this job can use",
                            "store the kubeconfig as a secret file credential and give its id"));
            return new ClusterAccess.Kubeconfig(kubeconfig, null);
        }
        if (s.azureCredentialsId() == null) {
            return null;
        }
        FoundCredential azure = find("azureCredentialsId", s.azureCredentialsId());
        return new ClusterAccess.Aks(CredentialConversion.azureIdentity("azureCredentialsId", s.azureCredentialsId(),
                azure), required("subscriptionId", s.subscriptionId()), required("resourceGroup", s.resourceGroup()),
                required("clusterName", s.clusterName()), false);
    }

    /** HTTPS Git (username with password or token, or a secret text token), as the GitOps steps convert it. */
    private GitOpsUpdateRequest.GitAuth git(String id) {
        return new CredentialConversion(credentials).gitAuth("gitCredentialsId", id, null, false);
    }

    private Secret token(String id) {
        if (id == null) {
            return null;
        }
        FoundCredential credential = find("argoCdCredentialsId", id);
        if (credential instanceof FoundCredential.SecretText text) {
            return text.secret();
        }
        throw new InvalidInputException("argoCdCredentialsId", "credential '" + id + "' is a " + credential.kind()
                + ", not a secret text", "store the Argo CD API token as a secret text credential");
    }

    private FoundCredential find(String field, String id) {
        return credentials.find(id).orElseThrow(() -> new InvalidInputException(field,
                "there is no credential '" + id + "' this job can use",
                "check the id, and that the credential is in a store this job sees"));
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is empty, and the AKS cluster needs it",
                    "give the subscription id, resource group and cluster name with the Azure credential");
        }
        return value;
    }
}
