package dev.slipway.azure;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Azure clouds Slipway can deliver to, with the endpoints that differ between them.
 * Sources: learn.microsoft.com "National clouds" (authority hosts, ARM endpoints) and
 * "Container registry in Azure China / Azure Government" (login-server suffixes).
 */
public enum AzureCloud {
    AZURE_PUBLIC("AzureCloud", "azurecr.io", "https://login.microsoftonline.com/", "https://management.azure.com/",
            "https://containerregistry.azure.net"),
    AZURE_CHINA("AzureChinaCloud", "azurecr.cn", "https://login.chinacloudapi.cn/", "https://management.chinacloudapi.cn/",
            "https://containerregistry.azure.cn"),
    AZURE_US_GOVERNMENT("AzureUSGovernment", "azurecr.us", "https://login.microsoftonline.us/",
            "https://management.usgovcloudapi.net/", "https://containerregistry.azure.us");

    private final String cliName;
    private final String acrSuffix;
    private final String authorityHost;
    private final String resourceManagerEndpoint;
    private final String acrAudience;

    AzureCloud(String cliName, String acrSuffix, String authorityHost, String resourceManagerEndpoint, String acrAudience) {
        this.acrAudience = acrAudience;
        this.cliName = cliName;
        this.acrSuffix = acrSuffix;
        this.authorityHost = authorityHost;
        this.resourceManagerEndpoint = resourceManagerEndpoint;
    }

    /** The name {@code az cloud list} uses, e.g. {@code AzureChinaCloud}. */
    public String cliName() {
        return cliName;
    }

    /** The login-server suffix of its container registries, e.g. {@code azurecr.io}. */
    public String acrSuffix() {
        return acrSuffix;
    }

    public String authorityHost() {
        return authorityHost;
    }

    public String resourceManagerEndpoint() {
        return resourceManagerEndpoint;
    }

    /**
     * The Azure AD scope of tokens for ACR's own audience, asked first for the token exchange (registries can
     * refuse ARM-audience tokens: {@code az acr config authentication-as-arm}).
     */
    public String acrScope() {
        return acrAudience + "/.default";
    }

    /** The Azure AD scope of ARM-audience tokens, the exchange's fallback. */
    public String resourceManagerScope() {
        return resourceManagerEndpoint + ".default";
    }

    /** The cloud whose ACR login servers end like {@code host} (a {@code :port} is ignored), if any. */
    public static Optional<AzureCloud> ofRegistryHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        String bare = name;
        return Stream.of(values())
                .filter(cloud -> bare.endsWith("." + cloud.acrSuffix) && bare.length() > cloud.acrSuffix.length() + 1)
                .findFirst();
    }

    /** Looks a cloud up by its {@code az} name or enum name, case-insensitively. */
    public static Optional<AzureCloud> named(String name) {
        return Stream.of(values())
                .filter(c -> c.cliName.equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name))
                .findFirst();
    }
}
