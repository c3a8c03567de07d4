package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.GitOpsUpdateRequest.Pin;
import dev.slipway.image.ImageRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A delivery's Flux {@code $imagepolicy} markers get the pushed image; policies of other images keep theirs. */
class DeliveryRunFluxPoliciesTest {
    static final String DIGEST = "sha256:" + "c".repeat(64);
    static final ImageRef PUSHED = ImageRef.parse("shop.azurecr.io/shop/web:1.4.2@" + DIGEST);

    @Test
    void ourPolicyGetsThePushedTagAndDigestAndAnotherImagesPolicyIsKept() {
        Map<String, String> policies = DeliveryRun.fluxPoliciesWith(Map.of("flux-system:web", "shop.azurecr.io/shop/web",
                "flux-system:worker", "shop.azurecr.io/shop/worker:2.0"), PUSHED, Pin.DEFAULT);

        assertThat(policies).containsEntry("flux-system:web", "shop.azurecr.io/shop/web:1.4.2@" + DIGEST)
                .containsEntry("flux-system:worker", "shop.azurecr.io/shop/worker:2.0");
    }

    @Test
    void pinTagWritesTheTagOnly() {
        assertThat(DeliveryRun.fluxPoliciesWith(Map.of("apps:web", "shop.azurecr.io/shop/web:old"), PUSHED, Pin.TAG))
                .containsEntry("apps:web", "shop.azurecr.io/shop/web:1.4.2");
    }

    @Test
    void aWebhookRepositoryIsNotOurWebImage() {
        assertThat(DeliveryRun.fluxPoliciesWith(Map.of("apps:hook", "shop.azurecr.io/shop/webhook:1"), PUSHED, Pin.DEFAULT))
                .containsEntry("apps:hook", "shop.azurecr.io/shop/webhook:1");
    }
}
