package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.registry.CopyRequest;
import dev.slipway.registry.CopyResult;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.Event;
import dev.slipway.support.Provenance;
import dev.slipway.support.SecretMasker;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code acrCopy}'s work on the agent: the registry-side copy by digest, recorded. Carries at most a basic password or
 * an ACR refresh token per registry (Azure identities are exchanged on the controller), both masked in the log.
 */
public final class AcrCopyWork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CopyRequest copy;
    private final Provenance provenance;
    private final BuildLog log;

    public AcrCopyWork(CopyRequest copy, Provenance provenance, BuildLog log) {
        this.copy = Objects.requireNonNull(copy, "copy");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.log = Objects.requireNonNull(log, "log");
        if (copy.sourceAuth() instanceof RegistryAuth.AzureAd || copy.targetAuth() instanceof RegistryAuth.AzureAd) {
            // DESIGN.md: Azure credentials stay on the controller; only the exchanged ACR refresh token travels
            throw new IllegalArgumentException("exchange the Azure identity for an ACR refresh token on the controller");
        }
    }

    public DeliveryOutcome run(Path workspace) {
        SecretMasker masker = new SecretMasker();
        register(masker, copy.sourceAuth());
        register(masker, copy.targetAuth());
        return RecordedWork.run(provenance.deliveryId(), DeliveryRecord.Mode.PUSH, provenance, masker, log,
                Event.Phase.COPY, (events, results) -> {
                    CopyResult copied = new Engine(new EngineContext(workspace, events)).copy(copy);
                    results.copied(copy, copied);
                    return AcrCopyPlan.stepResult(copied);
                });
    }

    static void register(SecretMasker masker, RegistryAuth auth) {
        if (auth instanceof RegistryAuth.Basic basic) {
            masker.register(basic.password());
        } else if (auth instanceof RegistryAuth.AcrRefreshToken refresh) {
            masker.register(refresh.refreshToken());
        }
    }
}
