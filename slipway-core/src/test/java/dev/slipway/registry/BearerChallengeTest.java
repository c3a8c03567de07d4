package dev.slipway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerChallengeTest {
    @Test
    void readsRealmServiceAndAScopeWithCommasInQuotes() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer realm=\"https://reg.azurecr.io/oauth2/token\","
                + "service=\"reg.azurecr.io\",scope=\"repository:shop/web:pull,push\",error=\"invalid_token\"").orElseThrow();

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameter("realm")).contains("https://reg.azurecr.io/oauth2/token");
        assertThat(challenge.parameter("service")).contains("reg.azurecr.io");
        assertThat(challenge.parameter("scope")).contains("repository:shop/web:pull,push");
        assertThat(challenge.parameter("error")).contains("invalid_token");
    }

    @Test
    void basicChallengesAndUnquotedValuesAndEmptyHeaders() {
        assertThat(BearerChallenge.parse("Basic realm=registry").orElseThrow().isBasic()).isTrue();
        assertThat(BearerChallenge.parse("bearer realm=x, service=y").orElseThrow().parameter("service")).contains("y");
        assertThat(BearerChallenge.parse("  ")).isEmpty();
        assertThat(BearerChallenge.parse(null)).isEmpty();
    }
}
