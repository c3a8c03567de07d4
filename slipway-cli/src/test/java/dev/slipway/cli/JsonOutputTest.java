package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.image.ImageRef;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JSON document of {@code -o json}: results as the values users type, secrets as ****, errors with their kind. */
class JsonOutputTest {
    private static final String CANARY_JSON = Canary.of("json");
    record Sample(ImageRef image, Duration took, Path layout, Secret token) { }

    @Test
    void imagesDurationsAndPathsAreStringsAndASecretIsMasked() throws Exception {
        ImageRef image = ImageRef.parse("shop.azurecr.io/shop/web:1@sha256:" + "1".repeat(64));

        JsonNode json = JsonOutput.MAPPER.readTree(JsonOutput.result(
                new Sample(image, Duration.ofMillis(1500), Path.of("out", "layout"), Secret.of(CANARY_JSON)), 0));

        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.at("/result/image").asText()).isEqualTo(image.reference());
        assertThat(json.at("/result/took").asText()).isEqualTo("PT1.5S");
        assertThat(json.at("/result/layout").asText()).isEqualTo("out/layout");
        assertThat(json.at("/result/token").asText()).isEqualTo("****");
        assertThat(json.toString()).doesNotContain(CANARY_JSON);
    }

    @Test
    void errorsCarryKindFieldMessageAndFix() throws Exception {
        JsonNode usage = JsonOutput.MAPPER.readTree(JsonOutput.error(new InvalidInputException("--image", "is bad", "write it well"), 2));
        JsonNode auth = JsonOutput.MAPPER.readTree(JsonOutput.error(new AuthenticationException("refused", null), 3));

        assertThat(usage.at("/error/kind").asText()).isEqualTo("usage");
        assertThat(usage.at("/error/field").asText()).isEqualTo("--image");
        assertThat(usage.at("/error/message").asText()).isEqualTo("--image: is bad");
        assertThat(usage.at("/error/fix").asText()).isEqualTo("write it well");
        assertThat(usage.get("exitCode").asInt()).isEqualTo(2);
        assertThat(auth.at("/error/kind").asText()).isEqualTo("auth");
        assertThat(auth.at("/error/field").isNull()).isTrue();
        assertThat(JsonOutput.kindOf(4)).isEqualTo("timeout");
        assertThat(JsonOutput.kindOf(1)).isEqualTo("failed");
    }
}
