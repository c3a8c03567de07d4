package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.image.BuildRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.registry.Credentials;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of {@code acrBuild}, run directly as the callable runs it on the agent: real buildah builds the image,
 * the engine pushes it to a real registry that wants a password, and the build log stays free of secrets.
 */
@Tag("real-server")
class AcrBuildWorkTest {
    private static final String BUILD_SECRET_CANARY = Canary.of("build-secret");

    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer baseImages = RegistryServer.noAuth();
    @RegisterExtension
    static RegistryServer target = RegistryServer.htpasswd();

    private static String baseImage;

    @TempDir
    Path workspace;

    @BeforeAll
    static void publishTheBaseImage() {
        baseImage = baseImages.hostPort() + "/slipway/base:latest";
        buildah.skopeo("copy", "--dest-tls-verify=false", "oci:" + buildah.baseImageOciLayout() + ":latest",
                "docker://" + baseImage).requireSuccess();
    }

    @Test
    void buildsPushesByDigestAndTagsAndReturnsTheStepResultWithASecretFreeLog() throws Exception {
        Path app = Files.createDirectories(workspace.resolve("app"));
        Files.writeString(app.resolve("Dockerfile"), "FROM " + baseImage + "\n"
                + "ARG VERSION\n"
                + "RUN --mount=type=secret,id=npmrc wc -c < /run/secrets/npmrc > /secret-length"
                + " && echo \"$VERSION\" > /version && cat /run/secrets/npmrc\n");
        Credentials user = target.credentials().orElseThrow();
        RegistryTransport transport = RegistryTransport.defaults().withPlainHttp(baseImages.hostPort(), target.hostPort());
        AcrBuildSettings settings = AcrBuildSettings.of(target.hostPort() + "/shop/web")
                .withContext("app")
                .withTags(List.of("1.4", "latest"))
                .withBuildArgs(Map.of("VERSION", "1.4"));
        BuildRequest request = AcrBuildPlan.buildRequest(settings,
                List.of(BuildRequest.BuildSecret.ofValue("npmrc", Secret.of(BUILD_SECRET_CANARY))), transport);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);

        Map<String, String> result = new AcrBuildWork(request,
                new RegistryAuth.Basic(user.username(), Secret.of(user.password())), transport, () -> logStream)
                .run(workspace);

        String digest = result.get("digest");
        assertThat(digest).startsWith("sha256:");
        assertThat(result).containsEntry("image", target.hostPort() + "/shop/web@" + digest)
                .containsEntry("tags", "1.4,latest");
        for (String tag : List.of("1.4", "latest")) {
            String inspected = buildah.skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                    "--creds", user.username() + ":" + user.password(),
                    "docker://" + target.hostPort() + "/shop/web:" + tag).requireSuccess().output().strip();
            assertThat(inspected).as("tag " + tag).isEqualTo(digest);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("[slipway build]").contains("[slipway push]");
        assertThat(text).doesNotContain(BUILD_SECRET_CANARY).doesNotContain(user.password())
                .doesNotContain(user.base64UserColonPassword());
    }

    @Test
    void anAzureIdentityIsRefusedBecauseOnlyTheExchangedRefreshTokenMayReachTheAgent() {
        BuildRequest request = AcrBuildPlan.buildRequest(AcrBuildSettings.of("shop.azurecr.io/shop/web"), List.of(), null);
        RegistryAuth azure = new RegistryAuth.AzureAd(new AzureIdentity.ManagedIdentity(AzureCloud.AZURE_PUBLIC, null));

        assertThatThrownBy(() -> new AcrBuildWork(request, azure, null, () -> System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on the controller");
    }
}
