package dev.slipway.cli;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * An Azure AD identity given on the command line, shared by the registry commands (exchanged for an ACR token) and
 * the cluster commands (AKS credentials through ARM). Secrets come only from environment variables or files, never
 * from an option's value: command lines are visible to every user of the machine ({@code ps}).
 */
final class AzureIdentityOptions {
    static final String KINDS = "client-secret, client-certificate, managed-identity or workload-identity";

    @Option(names = "--azure", paramLabel = "KIND",
            description = "Authenticate with an Azure AD identity: " + KINDS + ". For a registry it is exchanged for an"
                    + " ACR token; for an AKS cluster it reads the cluster's credentials through Azure Resource Manager.")
    String kind;

    @Option(names = "--tenant", paramLabel = "ID", description = "Azure AD tenant (default: $AZURE_TENANT_ID).")
    String tenant;

    @Option(names = "--client-id", paramLabel = "ID", description = "Azure AD client id (default: $AZURE_CLIENT_ID).")
    String clientId;

    @Option(names = "--client-secret-env", paramLabel = "VAR", defaultValue = "AZURE_CLIENT_SECRET",
            description = "Environment variable holding the client secret (default: ${DEFAULT-VALUE}).")
    String clientSecretEnv;

    @Option(names = "--client-secret-file", paramLabel = "FILE", description = "File holding the client secret.")
    Path clientSecretFile;

    @Option(names = "--certificate-file", paramLabel = "FILE",
            description = "PEM (certificate and private key) or PKCS#12 file of the service principal.")
    Path certificateFile;

    @Option(names = "--certificate-password-env", paramLabel = "VAR", description = "Environment variable holding the PKCS#12 password.")
    String certificatePasswordEnv;

    @Option(names = "--federated-token-file", paramLabel = "FILE",
            description = "Workload identity token file (default: $AZURE_FEDERATED_TOKEN_FILE).")
    String federatedTokenFile;

    @Option(names = "--cloud", paramLabel = "NAME",
            description = "AzureCloud, AzureChinaCloud or AzureUSGovernment (default: from the registry host, else AzureCloud).")
    String cloud;

    @Option(names = "--authority-host", paramLabel = "URL", description = "Azure AD authority host instead of the cloud's.")
    String authorityHost;

    boolean given() {
        return kind != null;
    }

    /** The cloud of {@code --cloud}, else {@code fallback}. */
    AzureCloud cloud(AzureCloud fallback) {
        return cloud == null ? fallback : AzureCloud.named(cloud).orElseThrow(() -> new InvalidInputException("cloud",
                "'" + cloud + "' is not a known cloud", "use AzureCloud, AzureChinaCloud or AzureUSGovernment"));
    }

    /** The identity {@code --azure} names, in {@code --cloud} or else {@code defaultCloud}; secrets read from {@code env} or files. */
    AzureIdentity identity(AzureCloud defaultCloud, Map<String, String> env) {
        AzureCloud azureCloud = cloud(defaultCloud);
        String tenantId = tenant != null ? tenant : env.get("AZURE_TENANT_ID");
        String client = clientId != null ? clientId : env.get("AZURE_CLIENT_ID");
        switch (kind) {
            case "client-secret" -> {
                Secret secret = clientSecretFile != null ? SecretSources.fromFile(clientSecretFile, "client-secret-file")
                        : SecretSources.fromEnv(env, clientSecretEnv, "client-secret-env");
                return new AzureIdentity.ClientSecret(azureCloud, required(tenantId, "tenant"), required(client, "client-id"), secret);
            }
            case "client-certificate" -> {
                if (certificateFile == null) {
                    throw new InvalidInputException("certificate-file", "is required for --azure client-certificate",
                            "give the PEM or PKCS#12 file of the service principal");
                }
                Secret certificate;
                try {
                    byte[] bytes = Files.readAllBytes(certificateFile);
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    certificate = Secret.of(text.contains("-----BEGIN") ? text : java.util.Base64.getEncoder().encodeToString(bytes));
                } catch (IOException e) {
                    throw new InvalidInputException("certificate-file", "cannot read " + certificateFile, "check the path");
                }
                Secret password = certificatePasswordEnv == null ? null
                        : SecretSources.fromEnv(env, certificatePasswordEnv, "certificate-password-env");
                return new AzureIdentity.ClientCertificate(azureCloud, required(tenantId, "tenant"), required(client, "client-id"),
                        certificate, password);
            }
            case "managed-identity" -> {
                return new AzureIdentity.ManagedIdentity(azureCloud, clientId);
            }
            case "workload-identity" -> {
                String tokenFile = federatedTokenFile != null ? federatedTokenFile : env.get("AZURE_FEDERATED_TOKEN_FILE");
                return new AzureIdentity.WorkloadIdentity(azureCloud, required(tenantId, "tenant"), required(client, "client-id"),
                        required(tokenFile, "federated-token-file"));
            }
            default -> throw new InvalidInputException("azure", "'" + kind + "' is not an identity kind", "use " + KINDS);
        }
    }

    private static String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(option, "is required for this Azure identity", "give --" + option);
        }
        return value;
    }
}
