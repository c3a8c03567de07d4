package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.registry.Credentials;
import dev.slipway.testsupport.registry.RegistryServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Push to real docker-registry processes in every auth flavour: htpasswd, TLS with a per-run CA, token, ACR-style. */
@Tag("registry")
class PushAuthFlavoursTest {
    @RegisterExtension
    static final RegistryServer htpasswd = RegistryServer.htpasswd();
    @RegisterExtension
    static final RegistryServer tls = RegistryServer.tls();
    @RegisterExtension
    static final RegistryServer token = RegistryServer.token();
    @RegisterExtension
    static final RegistryServer acr = RegistryServer.acr();

    @TempDir
    Path workspace;

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private EngineContext context;

    @BeforeEach
    void setUp() {
        context = new EngineContext(workspace, Events.silent().subscribe(events::add));
        TestLayouts.image(workspace.resolve("oci"), 11, 50_000, 1_000);
    }

    private PushResult push(RegistryServer registry, RegistryAuth auth) {
        RegistryTransport transport = registry.isTls() ? RegistryTransport.defaults()
                : RegistryTransport.defaults().withPlainHttp(registry.hostPort());
        EngineContext reaching = registry.isTls() ? context.withNetwork(NetworkSettings.direct()
                .withExtraCaPem(pem(registry.caCertificatePem()))) : context;
        return new Engine(reaching).push(new PushRequest("oci", ImageRef.parse(registry.hostPort() + "/team/app"),
                List.of("1.0"), auth, transport));
    }

    private static String pem(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RegistryAuth.Basic basic(RegistryServer registry) {
        Credentials user = registry.credentials().orElseThrow();
        return new RegistryAuth.Basic(user.username(), Secret.of(user.password()));
    }

    @Test
    void basicAuthWithHtpasswd() {
        PushResult result = push(htpasswd, basic(htpasswd));
        assertThat(result.blobsUploaded()).isEqualTo(3);
    }

    @Test
    void aWrongPasswordFailsNamingTheUserRegistryRepositoryAndAction() {
        RegistryAuth wrong = new RegistryAuth.Basic("slipway-test", Secret.of("wrong-password-canary"));
        assertThatThrownBy(() -> push(htpasswd, wrong)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("user 'slipway-test'").hasMessageContaining(htpasswd.hostPort())
                .hasMessageContaining("team/app").hasMessageContaining("pull")
                .hasMessageNotContaining("wrong-password-canary");
    }

    @Test
    void anonymousAgainstAnAuthenticatedRegistryIsRefusedClearly() {
        assertThatThrownBy(() -> push(htpasswd, new RegistryAuth.Anonymous())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("requires a user name and password");
    }

    @Test
    void tlsWithThePerRunCaTrusted() {
        assertThat(push(tls, new RegistryAuth.Anonymous()).image().registry()).isEqualTo(tls.hostPort());
    }

    @Test
    void tlsWithoutTrustingTheCaFails() {
        PushRequest request = new PushRequest("oci", ImageRef.parse(tls.hostPort() + "/team/app"), List.of(),
                new RegistryAuth.Anonymous(), RegistryTransport.defaults().withMaxAttempts(1));
        assertThatThrownBy(() -> new Engine(context).push(request)).isInstanceOf(RegistryException.class)
                .hasMessageContaining(tls.hostPort());
    }

    @Test
    void bearerTokenFromTheDockerTokenServerWithBasicCredentials() {
        PushResult result = push(token, basic(token));
        assertThat(result.image().digest()).isPresent();
        assertThat(token.tokenServer().requests()).anyMatch(r -> r.parameters("scope").contains("repository:team/app:pull,push"));
    }

    @Test
    void acrAdminUserOrScopedTokenThroughTheBasicVariantOfOauth2Token() {
        assertThat(push(acr, basic(acr)).image().digest()).isPresent();
    }

    @Test
    void azureAdTokenIsExchangedForAnAcrRefreshTokenThenAnAccessToken() {
        acr.acrEndpoints().resetCounts();
        FakeAadTokens aad = new FakeAadTokens(false, "m1");
        RegistryAuth auth = new RegistryAuth.AzureAd(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant-1",
                "client-1", Secret.of("unused")));

        PushResult result = pushWithAad(auth, aad);

        assertThat(result.image().digest()).isPresent();
        assertThat(aad.scopesAsked).containsExactly("https://containerregistry.azure.net/.default");
        assertThat(acr.acrEndpoints().exchangeCalls()).isEqualTo(1);
        assertThat(acr.tokenServer().requests()).anyMatch(r -> r.path().equals("/oauth2/exchange")
                && r.parameter("tenant").equals(java.util.Optional.of("tenant-1"))
                && r.parameter("grant_type").equals(java.util.Optional.of("access_token")));
    }

    @Test
    void theArmAudienceIsTheFallbackWhenAzureAdRefusesTheAcrAudience() {
        FakeAadTokens aad = new FakeAadTokens(true, "m2");
        RegistryAuth auth = new RegistryAuth.AzureAd(new AzureIdentity.ManagedIdentity(AzureCloud.AZURE_PUBLIC, null));

        assertThat(pushWithAad(auth, aad).image().digest()).isPresent();
        assertThat(aad.scopesAsked).containsExactly("https://containerregistry.azure.net/.default",
                "https://management.azure.com/.default");
    }

    @Test
    void anExchangeRefusedByTheRegistryNamesTheIdentity() {
        acr.acrEndpoints().refuseExchange(401);
        try {
            RegistryAuth auth = new RegistryAuth.AzureAd(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant-1",
                    "client-without-role", Secret.of("unused")));
            assertThatThrownBy(() -> pushWithAad(auth, new FakeAadTokens(false, "m3")))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("client-without-role")
                    .satisfies(e -> assertThat(((AuthenticationException) e).describe()).contains("AcrPush"));
        } finally {
            acr.acrEndpoints().refuseExchange(0);
        }
    }

    @Test
    void anExpiredAccessTokenIsReplacedAndThePushGoesOn() {
        acr.acrEndpoints().resetCounts();
        acr.acrEndpoints().expireNextAccessTokens(1);
        RegistryAuth auth = new RegistryAuth.AzureAd(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "t", "c",
                Secret.of("unused")));

        assertThat(pushWithAad(auth, new FakeAadTokens(false, "m4")).image().digest()).isPresent();
        assertThat(acr.acrEndpoints().tokenCalls()).isEqualTo(2);
        assertThat(acr.acrEndpoints().exchangeCalls()).isEqualTo(1);
    }

    @Test
    void anAcrRefreshTokenFromTheControllerIsEnoughOnTheAgent() {
        FakeAadTokens aad = new FakeAadTokens(false, "m5");
        RegistrySession session = new RegistrySession(RegistryTransport.defaults().withPlainHttp(acr.hostPort()),
                context.events(), Event.Phase.LOGIN);
        // the controller's side: exchange once
        RegistryClient controller = session.client(acr.hostPort(), new RegistryAuth.AzureAd(
                new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "t", "c", Secret.of("unused"))), () -> aad);
        controller.blobExists("team/app", RegistryClient.sha256(new byte[0]), RegistryClient.pull("team/app"));
        Secret refreshToken = controller.authenticator().refreshToken(acr.acrEndpoints().realm(), RegistryServer.TOKEN_SERVICE).value();

        PushResult result = push(acr, new RegistryAuth.AcrRefreshToken(refreshToken));

        assertThat(result.image().digest()).isPresent();
    }

    private PushResult pushWithAad(RegistryAuth auth, FakeAadTokens aad) {
        RegistrySession session = new RegistrySession(RegistryTransport.defaults().withPlainHttp(acr.hostPort()),
                context.events(), Event.Phase.PUSH);
        ImageRef target = ImageRef.parse(acr.hostPort() + "/team/app");
        return new ImagePusher(context).push(workspace.resolve("oci"), target, List.of("1.0"),
                session.client(acr.hostPort(), auth, () -> aad));
    }
}
