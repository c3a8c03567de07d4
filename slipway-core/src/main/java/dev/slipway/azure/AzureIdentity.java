package dev.slipway.azure;

import dev.slipway.support.EngineMessage;
import dev.slipway.support.Secret;

/** An Azure AD identity (issue #4). The tenant and cloud decide where tokens come from. */
public sealed interface AzureIdentity extends EngineMessage {
    AzureCloud cloud();

    /** The tenant, or {@code null} when the identity does not name one (managed identity). */
    String tenantId();

    /** The identity as messages name it: kind and client id, never a secret. */
    String describe();

    /** A service principal with a client secret. */
    record ClientSecret(AzureCloud cloud, String tenantId, String clientId, Secret clientSecret) implements AzureIdentity {
        @Override
        public String describe() {
            return "service principal " + clientId + " (client secret, tenant " + tenantId + ")";
        }
    }

    /** A service principal with a certificate (PEM with the private key, or PKCS#12 with its password). */
    record ClientCertificate(AzureCloud cloud, String tenantId, String clientId, Secret certificate, Secret password)
            implements AzureIdentity {
        @Override
        public String describe() {
            return "service principal " + clientId + " (certificate, tenant " + tenantId + ")";
        }
    }

    /** The managed identity of the VM: system-assigned when {@code clientId} is {@code null}. */
    record ManagedIdentity(AzureCloud cloud, String clientId) implements AzureIdentity {
        @Override
        public String tenantId() {
            return null;
        }

        @Override
        public String describe() {
            return clientId == null ? "the system-assigned managed identity" : "managed identity " + clientId;
        }
    }

    /** Workload identity of the agent: a federated token file, as AKS injects it. */
    record WorkloadIdentity(AzureCloud cloud, String tenantId, String clientId, String federatedTokenFile)
            implements AzureIdentity {
        @Override
        public String describe() {
            return "workload identity " + clientId + " (tenant " + tenantId + ")";
        }
    }
}
