package dev.slipway.cli;

import dev.slipway.azure.AksCredentials;
import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.azure.AzureIdentityTokens;
import dev.slipway.delivery.EngineContext;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.Event;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reaching an AKS cluster without a kubeconfig, as the Jenkins steps do ({@code subscriptionId}, {@code resourceGroup},
 * {@code clusterName}, {@code admin}): the Azure identity asks Azure Resource Manager for the cluster's credentials
 * and, for an Azure AD cluster, gets a token for the AKS server application in place of kubelogin
 * ({@link AksCredentials}). The engine then receives only that kubeconfig, as a Jenkins agent does.
 */
final class AksOptions {
    @Option(names = "--subscription-id", paramLabel = "ID",
            description = "AKS: the id of the Azure subscription the cluster is in. Instead of --kubeconfig; needs"
                    + " --resource-group, --cluster-name and --azure.")
    String subscriptionId;

    @Option(names = "--resource-group", paramLabel = "NAME", description = "AKS: the resource group of the cluster.")
    String resourceGroup;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "AKS: the name of the cluster.")
    String clusterName;

    @Option(names = "--admin", description = "AKS: ask for the cluster admin credentials (listClusterAdminCredential)"
            + " instead of the user credentials; clusters with local accounts disabled refuse this.")
    boolean admin;

    @Option(names = "--arm-endpoint", paramLabel = "URL", description = "AKS: reach Azure Resource Manager at this"
            + " address instead of the cloud's (a reverse proxy); tokens are still for the cloud's ARM audience.")
    String armEndpoint;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the CA certificates in this PEM file (in"
            + " addition to the JDK's) for every HTTPS call: Azure AD, Azure Resource Manager, the cluster.")
    Path caFile;

    @Mixin
    AzureIdentityOptions azure = new AzureIdentityOptions();

    /** {@code context} trusting {@code --ca-file} too. */
    EngineContext apply(EngineContext context) {
        return caFile == null ? context : context.withNetwork(context.network().withExtraCaPem(TransportOptions.readCaFile(caFile)));
    }

    /** Whether any AKS option is given: then the cluster is reached through ARM, never through a kubeconfig. */
    boolean given() {
        return subscriptionId != null || resourceGroup != null || clusterName != null || admin || armEndpoint != null;
    }

    /**
     * Checks that the cluster is named one way only: a kubeconfig ({@code --kubeconfig}, {@code --context}) or AKS with
     * its Azure identity.
     */
    void checkExclusive(Path kubeconfig, String context) {
        if (given() && kubeconfig != null) {
            throw new InvalidInputException("--kubeconfig", "and the AKS options (--subscription-id, --resource-group,"
                    + " --cluster-name) exclude each other", "give either --kubeconfig FILE or the AKS cluster, not both");
        }
        if (given() && context != null) {
            throw new InvalidInputException("--context", "is a kubeconfig context; the AKS cluster's kubeconfig has one",
                    "remove --context when the cluster is given with --subscription-id, --resource-group and --cluster-name");
        }
        if (!given() && azure.given()) {
            throw new InvalidInputException("--azure", "names an identity but no AKS cluster",
                    "give --subscription-id, --resource-group and --cluster-name with it, or remove --azure to use a kubeconfig");
        }
        if (given()) {
            required(subscriptionId, "--subscription-id");
            required(resourceGroup, "--resource-group");
            required(clusterName, "--cluster-name");
            if (!azure.given()) {
                throw new InvalidInputException("--azure", "is missing: an AKS cluster's credentials are read from Azure"
                        + " Resource Manager with an Azure AD identity", "give --azure client-secret|client-certificate|managed-identity|workload-identity"
                        + " (with --tenant and --client-id where the kind needs them)");
            }
        }
    }

    /** The cluster's kubeconfig from ARM, fetched with the identity; every token and the kubeconfig are masked. */
    ClusterAccess.Kubeconfig login(EngineContext context, Map<String, String> env) {
        AzureIdentity identity = azure.identity(AzureCloud.AZURE_PUBLIC, env);
        return login(context, new Target(identity, subscriptionId, resourceGroup, clusterName, admin, armEndpoint,
                azure.authorityHost, null));
    }

    /**
     * One AKS cluster and how to reach ARM and Azure AD for it (from the options or from slipway.yaml).
     *
     * @param extraCaPem CA certificates trusted for Azure AD and ARM in addition to the context's, or {@code null}
     */
    record Target(AzureIdentity identity, String subscriptionId, String resourceGroup, String clusterName, boolean admin,
            String armEndpoint, String authorityHost, String extraCaPem) { }

    static ClusterAccess.Kubeconfig login(EngineContext base, Target target) {
        EngineContext context = target.extraCaPem() == null ? base
                : base.withNetwork(base.network().withExtraCaPem(target.extraCaPem()));
        var masker = context.events().masker();
        AzureIdentity identity = target.identity();
        AzureIdentityTokens tokens = AzureIdentityTokens.of(identity, target.authorityHost(), masker, context.network());
        String endpoint = target.armEndpoint() == null || target.armEndpoint().isBlank()
                ? identity.cloud().resourceManagerEndpoint() : target.armEndpoint();
        String endpointScope = (endpoint.endsWith("/") ? endpoint : endpoint + "/") + ".default";
        context.events().info(Event.Phase.LOGIN, target.resourceGroup() + "/" + target.clusterName(),
                "getting the AKS cluster's " + (target.admin() ? "admin" : "user") + " credentials from Azure Resource Manager as "
                        + identity.describe());
        Secret kubeconfig = new AksCredentials(endpoint, scope -> {
            // another address for ARM is not another audience: the token stays the cloud's ARM token
            Secret token = tokens.token(scope.equals(endpointScope) ? identity.cloud().resourceManagerScope() : scope).value();
            masker.register(token);
            return token;
        }, context.network()).kubeconfig(target.subscriptionId(), target.resourceGroup(), target.clusterName(), target.admin());
        masker.register(kubeconfig);
        return new ClusterAccess.Kubeconfig(kubeconfig, null, target.clusterName());
    }

    private static void required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(option, "is missing: an AKS cluster needs --subscription-id, --resource-group"
                    + " and --cluster-name", "give " + option);
        }
    }
}
