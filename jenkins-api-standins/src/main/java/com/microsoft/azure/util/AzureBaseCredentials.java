package com.microsoft.azure.util;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;

/** Stand-in of azure-credentials' AzureBaseCredentials. */
public abstract class AzureBaseCredentials extends BaseStandardCredentials {

    public AzureBaseCredentials(CredentialsScope scope, String id, String description) {
        super(scope, id, description);
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract String getAzureEnvironmentName();

    public abstract String getActiveDirectoryEndpoint();
}
