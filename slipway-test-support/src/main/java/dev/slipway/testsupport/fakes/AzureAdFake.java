package dev.slipway.testsupport.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Fake of the Microsoft identity platform token endpoint, client credentials flow only:
 * {@code POST /{tenant}/oauth2/v2.0/token} with a client secret or a client assertion (workload identity's
 * federated token). Issues {@link FakeJwt} tokens whose {@code aud} is the scope's resource.
 * Source of the request and answer shapes:
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 * (error codes: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes; the
 * AADSTS1002012 text for a scope without {@code /.default} as quoted in MicrosoftDocs/azure-docs#99862).
 */
public final class AzureAdFake extends FakeHttpServer {
    public static final String ARM_SCOPE = "https://management.azure.com/.default";
    public static final String ACR_SCOPE = "https://containerregistry.azure.net/.default";
    /** The AKS Azure AD server application (Azure/kubelogin docs/book/src/concepts/aks.md). */
    public static final String AKS_SCOPE = "6dae42f8-4368-4678-94ff-3960e28e3630/.default";
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private record Client(String tenant, String clientId, String secret, String assertion) {}

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Set<String> scopes = ConcurrentHashMap.newKeySet();

    public AzureAdFake() {
        super("Azure AD");
        scopes.addAll(List.of(ARM_SCOPE, ACR_SCOPE, AKS_SCOPE));
        route("POST", "/([^/]+)/oauth2/v2\\.0/token", this::token);
    }

    /** Registers an app that authenticates with {@code secret}. */
    public AzureAdFake clientWithSecret(String tenant, String clientId, String secret) {
        clients.put(tenant + "/" + clientId, new Client(tenant, clientId, secret, null));
        return this;
    }

    /** Registers an app with a federated credential: {@code assertion} is the token it must present. */
    public AzureAdFake clientWithAssertion(String tenant, String clientId, String assertion) {
        clients.put(tenant + "/" + clientId, new Client(tenant, clientId, null, assertion));
        return this;
    }

    /** The authority host to configure clients with, e.g. {@code http://127.0.0.1:40123/}. */
    public String authorityHost() {
        return url() + "/";
    }

    private FakeResponse token(FakeRequest request, Matcher path) {
        String tenant = path.group(1);
        if (!"application/x-www-form-urlencoded".equals(request.mediaType())) {
            // the endpoint reads only form bodies: a JSON body has no grant_type
            return error(400, "invalid_request", 900144,
                    "The request body must contain the following parameter: 'grant_type'.");
        }
        Map<String, String> form = request.form();
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }
        if (!"client_credentials".equals(grantType)) {
            return error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grantType + "'.");
        }
        String clientId = form.get("client_id");
        Client client = clientId == null ? null : clients.get(tenant + "/" + clientId);
        if (client == null) {
            return error(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'.");
        }
        // MSAL adds the OpenID Connect scopes to every request; Azure AD ignores them in the client credentials flow
        String scope = form.get("scope") == null ? null : java.util.Arrays.stream(form.get("scope").trim().split("\\s+"))
                .filter(s -> !Set.of("openid", "profile", "offline_access").contains(s))
                .collect(java.util.stream.Collectors.joining(" "));
        if (scope == null || scope.isBlank()) {
            return error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'scope'.");
        }
        if (scope.endsWith("/.default") && !scopes.contains(scope)) {
            return error(400, "invalid_resource", 500011, "The resource principal named "
                    + scope.substring(0, scope.length() - 9) + " was not found in the tenant named " + tenant + ".");
        }
        if (!scopes.contains(scope)) {
            return error(400, "invalid_scope", 1002012, "The provided value for scope " + scope
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }
        if (form.containsKey("client_secret")) {
            if (client.secret() == null || !client.secret().equals(form.get("client_secret"))) {
                return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
            }
        } else if (form.containsKey("client_assertion")) {
            if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
                return error(400, "invalid_request", 90014, "The request body must contain the following parameter: 'client_assertion_type'.");
            }
            if (client.assertion() == null || !client.assertion().equals(form.get("client_assertion"))) {
                return error(401, "invalid_client", 700211, "No matching federated identity record found for presented assertion.");
            }
        } else {
            return error(401, "invalid_client", 7000216,
                    "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
        }
        String audience = scope.substring(0, scope.length() - "/.default".length());
        // example answer from the page above: token_type, expires_in, ext_expires_in, access_token
        return FakeResponse.json(200, Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
                "access_token", FakeJwt.issue(audience, tenant, clientId, 3599)));
    }

    private static FakeResponse error(int status, String error, int code, String description) {
        return FakeResponse.json(status, Map.of("error", error,
                "error_description", "AADSTS" + code + ": " + description,
                "error_codes", List.of(code), "timestamp", Instant.now().toString(),
                "trace_id", "00000000-0000-0000-0000-000000000000",
                "correlation_id", "00000000-0000-0000-0000-000000000000"));
    }
}
