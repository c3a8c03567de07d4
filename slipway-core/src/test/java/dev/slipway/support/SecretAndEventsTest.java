package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretAndEventsTest {
    private static final String CANARY = Canary.of("secret");

    @Test
    void aSecretNeverRendersItself() {
        Secret secret = Secret.of(CANARY);
        assertThat(secret.toString()).isEqualTo("****");
        assertThat(String.valueOf(secret)).doesNotContain(CANARY);
        assertThat("token=" + secret).isEqualTo("token=****");
        assertThat(secret.reveal()).isEqualTo(CANARY);
        assertThat(secret).isEqualTo(Secret.of(CANARY)).isNotEqualTo(Secret.of("other"));
    }

    @Test
    void aSecretSurvivesTheRemotingChannel() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(Secret.of(CANARY));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((Secret) in.readObject()).reveal()).isEqualTo(CANARY);
        }
    }

    @Test
    void theMaskerHidesSecretsAndTheirBase64Form() {
        SecretMasker masker = new SecretMasker().register(Secret.of(CANARY)).register(Secret.of("ab"));
        String basic = Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));

        assertThat(masker.mask("password " + CANARY + " and " + basic + " ab"))
                .isEqualTo("password **** and **** ab")
                .as("values too short to mask are left alone");
    }

    @Test
    void eventsAreMaskedBeforeAnySubscriberSeesThemAndABrokenSubscriberHarmsNoOther() {
        SecretMasker masker = new SecretMasker();
        Events events = new Events(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC), masker);
        List<Event> seen = new ArrayList<>();
        events.subscribe(event -> { throw new IllegalStateException("broken subscriber"); });
        events.subscribe(seen::add);

        masker.register(Secret.of(CANARY)); // a token minted mid-run
        events.info(Event.Phase.LOGIN, "registry " + CANARY, "logged in with " + CANARY);
        events.progress(Event.Phase.PUSH, "sha256:abc", "uploading", 10, 100);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).subject()).isEqualTo("registry ****");
        assertThat(seen.get(0).message()).isEqualTo("logged in with ****");
        assertThat(seen.get(0).at()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(seen.get(1).isProgress()).isTrue();
        assertThat(seen.get(1).done()).isEqualTo(10);
        assertThat(seen.get(1).total()).isEqualTo(100);
    }

    @Test
    void typedErrorsNameTheFieldAndTheFix() {
        InvalidInputException e = new InvalidInputException("namespace", "'Shop' is not a valid namespace",
                "use lower-case letters, digits and '-'");
        assertThat(e.getMessage()).isEqualTo("namespace: 'Shop' is not a valid namespace");
        assertThat(e.field()).isEqualTo("namespace");
        assertThat(e.describe()).endsWith("Fix: use lower-case letters, digits and '-'");
    }
}
