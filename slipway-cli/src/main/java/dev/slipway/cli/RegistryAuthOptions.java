package dev.slipway.cli;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the CLI authenticates to a registry. Secrets come only from environment variables, files or stdin, never
 * from an option's value: command lines are visible to every user of the machine ({@code ps}).
 */
final class RegistryAuthOptions {
    @Option(names = "--username", paramLabel = "USER",
            description = "User name for basic auth (ACR admin user, ACR token name, any registry). The password comes"
                    + " from --password-env, --password-file or --password-stdin.")
    String username;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password (trailing newline ignored).")
    Path passwordFile;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--acr-refresh-token-env", paramLabel = "VAR", description = "Environment variable holding an ACR refresh token.")
    String acrRefreshTokenEnv;

    @Option(names = "--azure", paramLabel = "KIND",
            description = "Authenticate with an Azure AD identity exchanged for an ACR token: client-secret, client-certificate,"
                    + " managed-identity or workload-identity.")
    String azure;

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

    RegistryAuth resolve(String registry, Map<String, String> env, SecretSources.StandardInput stdin) {
        if (azure != null) {
            return new RegistryAuth.AzureAd(identity(registry, env), authorityHost);
        }
        if (acrRefreshTokenEnv != null) {
            return new RegistryAuth.AcrRefreshToken(fromEnv(env, acrRefreshTokenEnv, "acr-refresh-token-env"));
        }
        if (username != null) {
            return new RegistryAuth.Basic(username, password(env, stdin));
        }
        if (passwordEnv != null || passwordFile != null || passwordStdin) {
            throw new InvalidInputException("username", "a password was given without a user name",
                    "add --username (for an ACR token exchanged elsewhere use --acr-refresh-token-env)");
        }
        return new RegistryAuth.Anonymous();
    }

    private Secret password(Map<String, String> env, SecretSources.StandardInput stdin) {
        int sources = (passwordEnv != null ? 1 : 0) + (passwordFile != null ? 1 : 0) + (passwordStdin ? 1 : 0);
        if (sources != 1) {
            throw new InvalidInputException("password", sources == 0 ? "--username needs a password" : "more than one password source",
                    "give exactly one of --password-env VAR, --password-file FILE or --password-stdin");
        }
        if (passwordEnv != null) {
            return fromEnv(env, passwordEnv, "password-env");
        }
        if (passwordFile != null) {
            return fromFile(passwordFile, "password-file");
        }
        return stdin.secret("--password-stdin", "--password-env or --password-file");
    }

    private AzureIdentity identity(String registry, Map<String, String> env) {
        AzureCloud azureCloud = cloud != null
                ? AzureCloud.named(cloud).orElseThrow(() -> new InvalidInputException("cloud", "'" + cloud + "' is not a known cloud",
                        "use AzureCloud, AzureChinaCloud or AzureUSGovernment"))
                : AzureCloud.ofRegistryHost(registry).orElse(AzureCloud.AZURE_PUBLIC);
        String tenantId = tenant != null ? tenant : env.get("AZURE_TENANT_ID");
        String client = clientId != null ? clientId : env.get("AZURE_CLIENT_ID");
        switch (azure) {
            case "client-secret" -> {
                Secret secret = clientSecretFile != null ? fromFile(clientSecretFile, "client-secret-file")
                        : fromEnv(env, clientSecretEnv, "client-secret-env");
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
                Secret password = certificatePasswordEnv == null ? null : fromEnv(env, certificatePasswordEnv, "certificate-password-env");
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
            default -> throw new InvalidInputException("azure", "'" + azure + "' is not an identity kind",
                    "use client-secret, client-certificate, managed-identity or workload-identity");
        }
    }

    private static String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(option, "is required for this Azure identity", "give --" + option);
        }
        return value;
    }

    private static Secret fromEnv(Map<String, String> env, String variable, String option) {
        return SecretSources.fromEnv(env, variable, option);
    }

    private static Secret fromFile(Path file, String option) {
        return SecretSources.fromFile(file, option);
    }
}
