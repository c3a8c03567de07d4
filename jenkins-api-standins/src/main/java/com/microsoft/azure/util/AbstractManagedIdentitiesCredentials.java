package com.microsoft.azure.util;

import com.cloudbees.plugins.credentials.CredentialsScope;

/** Stand-in of azure-credentials' AbstractManagedIdentitiesCredentials. */
public abstract class AbstractManagedIdentitiesCredentials extends AzureBaseCredentials {

    public AbstractManagedIdentitiesCredentials(CredentialsScope scope, String id, String description) {
        super(scope, id, description);
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
