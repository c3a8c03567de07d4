package com.microsoft.azure.util;

import com.cloudbees.plugins.credentials.CredentialsScope;

/** Stand-in of azure-credentials' AzureImdsCredentials (the managed identity of the controller VM). */
public class AzureImdsCredentials extends AbstractManagedIdentitiesCredentials {

    public AzureImdsCredentials(CredentialsScope scope, String id, String description) {
        super(scope, id, description);
        throw new UnsupportedOperationException("stand-in");
    }

    public String getClientId() {
        throw new UnsupportedOperationException("stand-in");
    }
}
