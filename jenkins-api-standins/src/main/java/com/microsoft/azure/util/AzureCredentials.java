package com.microsoft.azure.util;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;

/** Stand-in of azure-credentials' AzureCredentials (a service principal). */
public class AzureCredentials extends AzureBaseCredentials {

    public AzureCredentials(CredentialsScope scope, String id, String description, String subscriptionId,
            String clientId, Secret clientSecret) {
        super(scope, id, description);
        throw new UnsupportedOperationException("stand-in");
    }

    public String getClientId() {
        throw new UnsupportedOperationException("stand-in");
    }

    public Secret getClientSecret() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getCertificateId() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getTenant() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getAzureEnvironmentName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getActiveDirectoryEndpoint() {
        throw new UnsupportedOperationException("stand-in");
    }
}
