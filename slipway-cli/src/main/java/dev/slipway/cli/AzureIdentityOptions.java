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
import java.util.function.UnaryOperator;
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

    /** The identity {@code --azure} names, in {@code --cloud} or else {@code defaultCloud}; secrets read from {@code env} or files. */
    AzureIdentity identity(AzureCloud defaultCloud, Map<String, String> env) {
        return identity(new Values(kind, tenant, clientId, clientSecretEnv, clientSecretFile, certificateFile,
                certificatePasswordEnv, federatedTokenFile, cloud), defaultCloud, env, option -> "--" + option);
    }

    /** An identity's settings, from the options or from slipway.yaml; {@code null} when not given. */
    record Values(String kind, String tenant, String clientId, String clientSecretEnv, Path clientSecretFile, Path certificateFile,
            String certificatePasswordEnv, String federatedTokenFile, String cloud) { }

    /**
     * The identity of {@code values}; tenant and client id default to {@code AZURE_TENANT_ID} and {@code AZURE_CLIENT_ID},
     * the client secret's variable to {@code AZURE_CLIENT_SECRET}.
     *
     * @param name how errors name a setting, from its option name without dashes (e.g. {@code tenant})
     */
    static AzureIdentity identity(Values values, AzureCloud defaultCloud, Map<String, String> env, UnaryOperator<String> name) {
        AzureCloud azureCloud = values.cloud() == null ? defaultCloud : AzureCloud.named(values.cloud()).orElseThrow(() ->
                new InvalidInputException(name.apply("cloud"), "'" + values.cloud() + "' is not a known cloud",
                        "use AzureCloud, AzureChinaCloud or AzureUSGovernment"));
        String tenantId = values.tenant() != null ? values.tenant() : env.get("AZURE_TENANT_ID");
        String client = values.clientId() != null ? values.clientId() : env.get("AZURE_CLIENT_ID");
        switch (values.kind()) {
            case "client-secret" -> {
                Secret secret = values.clientSecretFile() != null
                        ? SecretSources.fromFile(values.clientSecretFile(), name.apply("client-secret-file"))
                        : SecretSources.fromEnv(env, values.clientSecretEnv() == null ? "AZURE_CLIENT_SECRET" : values.clientSecretEnv(),
                                name.apply("client-secret-env"));
                return new AzureIdentity.ClientSecret(azureCloud, required(tenantId, "tenant", name),
                        required(client, "client-id", name), secret);
            }
            case "client-certificate" -> {
                if (values.certificateFile() == null) {
                    throw new InvalidInputException(name.apply("certificate-file"), "is required for the client-certificate kind",
                            "give the PEM or PKCS#12 file of the service principal");
                }
                Secret certificate;
                try {
                    byte[] bytes = Files.readAllBytes(values.certificateFile());
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    certificate = Secret.of(text.contains("-----BEGIN") ? text : java.util.Base64.getEncoder().encodeToString(bytes));
                } catch (IOException e) {
                    throw new InvalidInputException(name.apply("certificate-file"), "cannot read " + values.certificateFile(),
                            "check the path");
                }
                Secret password = values.certificatePasswordEnv() == null ? null
                        : SecretSources.fromEnv(env, values.certificatePasswordEnv(), name.apply("certificate-password-env"));
                return new AzureIdentity.ClientCertificate(azureCloud, required(tenantId, "tenant", name),
                        required(client, "client-id", name), certificate, password);
            }
            case "managed-identity" -> {
                return new AzureIdentity.ManagedIdentity(azureCloud, values.clientId());
            }
            case "workload-identity" -> {
                String tokenFile = values.federatedTokenFile() != null ? values.federatedTokenFile() : env.get("AZURE_FEDERATED_TOKEN_FILE");
                return new AzureIdentity.WorkloadIdentity(azureCloud, required(tenantId, "tenant", name),
                        required(client, "client-id", name), required(tokenFile, "federated-token-file", name));
            }
            default -> throw new InvalidInputException(name.apply("azure"), "'" + values.kind() + "' is not an identity kind",
                    "use " + KINDS);
        }
    }

    private static String required(String value, String option, UnaryOperator<String> name) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name.apply(option), "is required for this Azure identity", "give " + name.apply(option));
        }
        return value;
    }
}
