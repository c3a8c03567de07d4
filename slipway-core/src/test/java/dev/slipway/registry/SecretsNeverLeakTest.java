package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.registry.TokenServer;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets (client secret, password, Azure AD token, ACR refresh token) never show in events, exception
 * messages, or files the engine leaves behind, on success and on failure.
 */
@Tag("registry")
class SecretsNeverLeakTest {
    private static final String CANARY_MARKER = Canary.of("marker");
    private static final String CLIENT_SECRET = Canary.of("client-secret");
    private static final String PASSWORD = Canary.of("password");

    @RegisterExtension
    static final RegistryServer acr = RegistryServer.acr();

    @TempDir
    Path workspace;

    @Test
    void noSecretInEventsExceptionsOrLeftoverFiles() throws Exception {
        TestLayouts.image(workspace.resolve("oci"), 51, 5000);
        Set<Path> tempBefore = slipwayTempEntries();
        List<Event> events = new CopyOnWriteArrayList<>();
        EngineContext context = new EngineContext(workspace, Events.silent().subscribe(events::add));
        RegistrySession session = new RegistrySession(RegistryTransport.defaults().withPlainHttp(acr.hostPort()),
                context.events(), Event.Phase.PUSH);
        ImageRef target = ImageRef.parse(acr.hostPort() + "/canary/app");
        RegistryAuth azure = new RegistryAuth.AzureAd(new AzureIdentity.ClientSecret(AzureCloud.AZURE_PUBLIC, "tenant-c",
                "client-c", Secret.of(CLIENT_SECRET)));
        FakeAadTokens aad = new FakeAadTokens(false, CANARY_MARKER);

        new ImagePusher(context).push(workspace.resolve("oci"), target, List.of("1"), session.client(acr.hostPort(), azure, () -> aad));
        acr.acrEndpoints().expireNextAccessTokens(1);
        new ImagePusher(context).push(workspace.resolve("oci"), target, List.of("2"), session.client(acr.hostPort(), azure, () -> aad));
        List<Throwable> failures = new ArrayList<>();
        failures.add(catchThrowable(() -> new ImagePusher(context).push(workspace.resolve("oci"), target, List.of("3"),
                session.client(acr.hostPort(), new RegistryAuth.Basic("slipway-test", Secret.of(PASSWORD)), () -> aad))));
        acr.acrEndpoints().refuseExchange(403);
        try {
            failures.add(catchThrowable(() -> new ImagePusher(context).push(workspace.resolve("oci"), target, List.of("4"),
                    session.client(acr.hostPort(), azure, () -> aad))));
        } finally {
            acr.acrEndpoints().refuseExchange(0);
        }

        List<String> canaries = new ArrayList<>(List.of(CLIENT_SECRET, PASSWORD));
        for (TokenServer.Request request : acr.tokenServer().requests()) {
            request.parameter("access_token").ifPresent(canaries::add);
            request.parameter("refresh_token").ifPresent(canaries::add);
        }
        assertThat(canaries).as("tokens seen by the token server").hasSizeGreaterThan(3);
        String everything = events.stream().map(e -> e.subject() + " " + e.message()).collect(Collectors.joining("\n"))
                + failures.stream().map(f -> String.valueOf(f) + " " + ((dev.slipway.support.SlipwayException) f).describe())
                        .collect(Collectors.joining("\n"));
        assertThat(failures).allSatisfy(f -> assertThat(f).isNotNull());
        for (String canary : canaries) {
            assertThat(everything).doesNotContain(canary);
        }
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                canaries.forEach(canary -> assertThat(content).as(file.toString()).doesNotContain(canary));
            }
        }
        assertThat(slipwayTempEntries()).isEqualTo(tempBefore);
    }

    private static Set<Path> slipwayTempEntries() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("slipway-oci-")
                    || p.getFileName().toString().startsWith("slipway-login-")).collect(Collectors.toSet());
        }
    }
}
