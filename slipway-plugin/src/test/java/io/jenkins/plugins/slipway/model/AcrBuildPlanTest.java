package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.image.BuildRequest;
import dev.slipway.image.BuildResult;
import dev.slipway.image.Digest;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcrBuildPlanTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void everySettingReachesTheBuildRequest() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put(" VERSION ", "1.4");
        args.put("EMPTY", null);
        args.put(" ", "dropped");
        AcrBuildSettings settings = AcrBuildSettings.of(" shop.azurecr.io/shop/web ")
                .withDockerfile("docker/web.Dockerfile")
                .withContext(" web ")
                .withTags(Arrays.asList("1.4", " ", "{gitCommitShort}", null))
                .withBuildArgs(args)
                .withLabels(Map.of("com.example.team", "shop"))
                .withTarget("runtime")
                .withPlatform("linux/arm64");
        BuildRequest.BuildSecret secret = BuildRequest.BuildSecret.ofValue("npmrc", Secret.of("value"));

        BuildRequest request = AcrBuildPlan.buildRequest(settings, List.of(secret), RegistryTransport.defaults());

        assertThat(request.image()).isEqualTo(ImageRef.parse("shop.azurecr.io/shop/web"));
        assertThat(request.dockerfile()).isEqualTo("docker/web.Dockerfile");
        assertThat(request.context()).isEqualTo("web");
        assertThat(request.tags()).containsExactly("1.4", "{gitCommitShort}");
        assertThat(request.buildArgs()).containsExactlyInAnyOrderEntriesOf(Map.of("VERSION", "1.4", "EMPTY", ""));
        assertThat(request.labels()).containsExactlyEntriesOf(Map.of("com.example.team", "shop"));
        assertThat(request.target()).isEqualTo("runtime");
        assertThat(request.platform()).isEqualTo("linux/arm64");
        assertThat(request.secrets()).containsExactly(secret);
        assertThat(request.insecureRegistries()).isEmpty();
    }

    @Test
    void unsetSettingsLeaveTheEngineDefaultsAndPlainHttpRegistriesAreInsecureForTheBuild() {
        BuildRequest request = AcrBuildPlan.buildRequest(AcrBuildSettings.of("127.0.0.1:5000/shop/web"), List.of(),
                RegistryTransport.defaults().withPlainHttp("127.0.0.1:5000"));

        assertThat(request.context()).isEqualTo(".");
        assertThat(request.dockerfileOrDefault()).isEqualTo("./Dockerfile");
        assertThat(request.tags()).isEmpty();
        assertThat(request.target()).isNull();
        assertThat(request.insecureRegistries()).containsExactly("127.0.0.1:5000");
    }

    @Test
    void aMissingImageOrOneWithATagIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AcrBuildPlan.image(AcrBuildSettings.of(" ")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("image"));
        assertThatThrownBy(() -> AcrBuildPlan.image(AcrBuildSettings.of("shop.azurecr.io/shop/web:1.4")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).contains("has a tag or digest");
                    assertThat(e.fix()).contains("put tags in 'tags'");
                });
        assertThatThrownBy(() -> AcrBuildPlan.image(AcrBuildSettings.of("Shop.azurecr.io/Shop/Web")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("image");
    }

    @Test
    void thePushTakesTheBuiltLayoutAndResolvedTagsAndTheResultIsRepositoryAtDigest() {
        ImageRef built = ImageRef.parse("shop.azurecr.io/shop/web").withDigest(Digest.parse(DIGEST));
        BuildResult result = new BuildResult(built, ".slipway/oci-layout", List.of("1.4", "0123456"), 10,
                BuildRequest.Driver.BUILDAH, Duration.ofSeconds(3));
        RegistryAuth auth = new RegistryAuth.AcrRefreshToken(Secret.of("refresh"));

        PushRequest push = AcrBuildPlan.pushRequest(result, auth, RegistryTransport.defaults());

        assertThat(push.layout()).isEqualTo(".slipway/oci-layout");
        assertThat(push.target().reference()).isEqualTo("shop.azurecr.io/shop/web");
        assertThat(push.tags()).containsExactly("1.4", "0123456");
        assertThat(push.auth()).isSameAs(auth);

        Map<String, String> stepResult = AcrBuildPlan.stepResult(new PushResult(built, List.of("1.4", "0123456"), 10,
                2, 0, 0));
        assertThat(stepResult).containsExactly(Map.entry("image", "shop.azurecr.io/shop/web@" + DIGEST),
                Map.entry("digest", DIGEST), Map.entry("tags", "1.4,0123456"));
    }
}
