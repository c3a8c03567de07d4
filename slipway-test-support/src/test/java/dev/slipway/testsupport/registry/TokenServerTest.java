package dev.slipway.testsupport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static final Credentials user = Credentials.generate("ci");
    private static TokenServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // one server for the class: RSA key generation is the slow part
        server = TokenServer.start("registry.test", "issuer.test", Optional.of(user), dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void mintsAnRs256JwtWithX5cThatVerifiesWithTheSigningCertificate() throws Exception {
        String jwt = server.mint("ci", List.of("repository:team/app:pull,push"));

        String[] parts = jwt.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        X509Certificate x5c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(header.get("x5c").get(0).asText())));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(x5c.getPublicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(x5c).isEqualTo(server.signingKey().certificate());
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(claims.get("iss").asText()).isEqualTo("issuer.test");
        assertThat(claims.get("aud").asText()).isEqualTo("registry.test");
        assertThat(claims.get("exp").asLong()).isGreaterThan(claims.get("iat").asLong());
        assertThat(claims.get("access").get(0).get("name").asText()).isEqualTo("team/app");
        assertThat(claims.get("access").get(0).get("actions").toString()).isEqualTo("[\"pull\",\"push\"]");
    }

    @Test
    void tokenEndpointGrantsTheRequestedScopesToItsUser() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(tokenUri("registry.test"))
                .header("Authorization", user.basicAuthorization()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token").asText()).isEqualTo(body.get("access_token").asText());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(body.get("token").asText().split("\\.")[1]));
        assertThat(claims.get("sub").asText()).isEqualTo("ci");
        assertThat(claims.get("access")).hasSize(2);
        assertThat(server.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.basicAuth().map(Credentials::password).orElse("")).isEmpty());
    }

    @Test
    void tokenEndpointRefusesWrongCredentialsAndAnotherService() throws Exception {
        HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(tokenUri("registry.test"))
                .header("Authorization", new Credentials("ci", "wrong").basicAuthorization()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherService = client.send(HttpRequest.newBuilder(tokenUri("elsewhere"))
                .header("Authorization", user.basicAuthorization()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"registry.test\"");
        assertThat(otherService.statusCode()).isEqualTo(400);
        assertThat(otherService.body()).contains("'elsewhere'").contains("'registry.test'");
    }

    @Test
    void routesCanBeAddedForFormPostsLikeAcrsOauth2Token() throws Exception {
        server.route("POST", "/oauth2/token", request -> TokenServer.Response.json(200, Map.of(
                "access_token", server.mint("acr", request.parameters("scope")),
                "grant", request.parameter("grant_type").orElse(""))));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&service=registry.test"
                        + "&scope=repository%3Aa%3Apull&scope=repository%3Ab%3Apush"))
                .build(), HttpResponse.BodyHandlers.ofString());

        JsonNode body = JSON.readTree(response.body());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(body.get("access_token").asText().split("\\.")[1]));
        assertThat(body.get("grant").asText()).isEqualTo("refresh_token");
        assertThat(claims.get("access").findValuesAsText("name")).containsExactly("a", "b");
    }

    @Test
    void anUnknownRouteIsA404NamingIt() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/oauth2/exchange"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("POST /oauth2/exchange");
    }

    private URI tokenUri(String service) {
        return URI.create(server.realm() + "?service=" + service
                + "&scope=repository%3Ateam%2Fapp%3Apull%2Cpush&scope=repository%3Aother%3Apull");
    }
}
