package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.support.EngineMessage;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class BuildRequestTest {
    private static final String CANARY = Canary.of("request");

    @Test
    void aRequestCrossesTheRemotingChannelIntactWithoutShowingItsSecrets() throws Exception {
        BuildRequest request = BuildRequest.builder(ImageRef.parse("shop.azurecr.io/shop/web"))
                .context("app").tag("{buildNumber}").buildArg("A", "1").label("l", "v")
                .secret(BuildRequest.BuildSecret.ofValue("token", Secret.of(CANARY)))
                .secret(BuildRequest.BuildSecret.fromFile("npmrc", ".npmrc"))
                .provenance(new Provenance(null, null, null, null, 1L, "d")).build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(request);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }

        assertThat(back).isEqualTo(request);
        assertThat(request.schemaVersion()).isEqualTo(EngineMessage.SCHEMA_VERSION);
        assertThat(request.toString()).doesNotContain(CANARY);
    }

    @Test
    void nullsMeanTheDefaults() {
        BuildRequest request = new BuildRequest(null, null, null, ImageRef.parse("a.io/b"), null, null, null, true, " ",
                null, null, false, null, null, null, null, null);

        assertThat(request.driver()).isEqualTo(BuildRequest.Driver.AUTO);
        assertThat(request.context()).isEqualTo(".");
        assertThat(request.dockerfileOrDefault()).isEqualTo("./Dockerfile");
        assertThat(request.target()).isNull();
        assertThat(request.pull()).isEqualTo(BuildRequest.PullPolicy.MISSING);
        assertThat(request.outputLayout()).isEqualTo(BuildRequest.DEFAULT_OUTPUT_LAYOUT);
        assertThat(request.tags()).isEmpty();
    }
}
