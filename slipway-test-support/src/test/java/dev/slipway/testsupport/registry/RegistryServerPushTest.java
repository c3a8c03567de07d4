package dev.slipway.testsupport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.buildah.BuildahEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** skopeo pushes the local base image to a real docker-registry in each flavour. */
@Tag("real-server")
class RegistryServerPushTest {

    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer noAuth = RegistryServer.noAuth();
    @RegisterExtension
    static RegistryServer htpasswd = RegistryServer.htpasswd();
    @RegisterExtension
    static RegistryServer tls = RegistryServer.tls();
    @RegisterExtension
    static RegistryServer token = RegistryServer.token();

    private static String source() {
        return "oci:" + buildah.baseImageOciLayout() + ":latest";
    }

    @Test
    void skopeoPushesToTheNoAuthRegistry() throws Exception {
        BuildahEnvironment.Result push = buildah.skopeo("copy", "--dest-tls-verify=false", source(),
                "docker://" + noAuth.hostPort() + "/team/base:1");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(get(HttpClient.newHttpClient(), noAuth.baseUri().resolve("/v2/team/base/tags/list"), null).body())
                .contains("\"1\"");
    }

    @Test
    void htpasswdRegistryRefusesAnonymousPushAndAcceptsItsUserFromAnAuthFile() throws Exception {
        BuildahEnvironment.Result anonymous = buildah.skopeo("copy", "--dest-tls-verify=false", source(),
                "docker://" + htpasswd.hostPort() + "/base:anonymous");
        BuildahEnvironment.Result authenticated = buildah.skopeo("copy", "--dest-tls-verify=false",
                "--dest-authfile", htpasswd.writeAuthFile().toString(), source(),
                "docker://" + htpasswd.hostPort() + "/base:1");

        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.output()).containsIgnoringCase("authentication required");
        assertThat(authenticated.exitCode()).as(authenticated.output()).isZero();
        String basic = htpasswd.credentials().orElseThrow().basicAuthorization();
        assertThat(get(HttpClient.newHttpClient(), htpasswd.baseUri().resolve("/v2/base/tags/list"), basic).body())
                .contains("\"1\"").doesNotContain("anonymous");
        String password = htpasswd.credentials().orElseThrow().password();
        assertThat(authenticated.output() + anonymous.output() + htpasswd.logText()).doesNotContain(password);
    }

    @Test
    void tlsRegistryIsTrustedOnlyWithTheGeneratedCa() throws Exception {
        BuildahEnvironment.Result untrusted = buildah.skopeo("copy", source(),
                "docker://" + tls.hostPort() + "/base:untrusted");
        BuildahEnvironment.Result trusted = buildah.skopeo("copy", "--dest-cert-dir", tls.certDir().toString(),
                source(), "docker://" + tls.hostPort() + "/base:1");

        assertThat(untrusted.exitCode()).isNotZero();
        assertThat(untrusted.output()).contains("certificate signed by unknown authority");
        assertThat(trusted.exitCode()).as(trusted.output()).isZero();
        HttpClient client = HttpClient.newBuilder().sslContext(tls.sslContext()).build();
        assertThat(tls.baseUri().getScheme()).isEqualTo("https");
        assertThat(get(client, tls.baseUri().resolve("/v2/base/tags/list"), null).body()).contains("\"1\"");
    }

    @Test
    void tokenRegistrySendsSkopeoToTheTokenServerAndAcceptsItsJwt() throws Exception {
        BuildahEnvironment.Result push = buildah.skopeo("copy", "--dest-tls-verify=false",
                "--dest-authfile", token.writeAuthFile().toString(), source(),
                "docker://" + token.hostPort() + "/team/base:1");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(token.tokenServer().requests())
                .anySatisfy(request -> {
                    assertThat(request.path()).isEqualTo(TokenServer.TOKEN_PATH);
                    assertThat(request.parameters("scope")).contains("repository:team/base:pull,push");
                    assertThat(request.basicAuth().orElseThrow().username()).isEqualTo("slipway-test");
                });
        String password = token.credentials().orElseThrow().password();
        assertThat(push.output() + token.logText() + token.tokenServer().requests()).doesNotContain(password);
    }

    @Test
    void tokenRegistryAcceptsAMintedJwtForItsScopeAndChallengesWithoutOne() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI tags = token.baseUri().resolve("/v2/team/minted/tags/list");
        String pull = token.tokenServer().mint("tester", List.of("repository:team/minted:pull"));
        String expired = token.tokenServer().mint("tester", List.of("repository:team/minted:pull"),
                Duration.ofMinutes(-10));

        HttpResponse<String> anonymous = get(client, tags, null);
        HttpResponse<String> withToken = get(client, tags, "Bearer " + pull);
        HttpResponse<String> withExpiredToken = get(client, tags, "Bearer " + expired);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("realm=\"" + token.tokenServer().realm() + "\"")
                .contains("service=\"" + RegistryServer.TOKEN_SERVICE + "\"")
                .contains("scope=\"repository:team/minted:pull\"");
        // authorised, and the repository does not exist: the registry's answer past auth
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(404);
        assertThat(withToken.body()).contains("NAME_UNKNOWN");
        assertThat(withExpiredToken.statusCode()).isEqualTo(401);
    }

    @Test
    void tokenRegistryRejectsAJwtFromASignerItDoesNotTrust(@TempDir Path dir) throws Exception {
        URI tags = token.baseUri().resolve("/v2/team/minted/tags/list");
        String forged;
        try (TokenServer stranger = TokenServer.start(RegistryServer.TOKEN_SERVICE, RegistryServer.TOKEN_ISSUER,
                Optional.empty(), dir)) {
            forged = stranger.mint("tester", List.of("repository:team/minted:pull"));
        }

        assertThat(get(HttpClient.newHttpClient(), tags, "Bearer " + forged).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
