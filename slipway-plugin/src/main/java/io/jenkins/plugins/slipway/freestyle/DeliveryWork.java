package io.jenkins.plugins.slipway.freestyle;

import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.DeliveryFailedException;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.support.NetworkSettings;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.support.Events;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import io.jenkins.plugins.slipway.model.BuildLog;
import io.jenkins.plugins.slipway.model.DeliveryOutcome;
import io.jenkins.plugins.slipway.model.EventLines;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's part of "Build and deliver": the engine's whole delivery in the workspace, its events written to the
 * build log with every secret of the request masked. Serializable plain code; a one-line callable carries it.
 */
public final class DeliveryWork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DeliveryRequest request;
    private final BuildLog log;
    private final NetworkSettings network;

    public DeliveryWork(DeliveryRequest request, BuildLog log) {
        this(request, NetworkSettings.direct(), log);
    }

    /** @param network Jenkins' proxy settings, honoured by every connection the delivery makes from the agent */
    public DeliveryWork(DeliveryRequest request, NetworkSettings network, BuildLog log) {
        this.request = Objects.requireNonNull(request, "request");
        this.network = network == null ? NetworkSettings.direct() : network;
        this.log = Objects.requireNonNull(log, "log");
    }

    public DeliveryRequest request() {
        return request;
    }

    /**
     * Delivers; the outcome has the engine's record, also of a failed delivery (whose failure is the engine's
     * {@link DeliveryFailedException}). A request refused before anything ran has no record: that is thrown.
     */
    public DeliveryOutcome run(Path workspace) {
        PrintStream out = log.stream();
        SecretMasker masker = new SecretMasker();
        secrets(request).forEach(masker::register);
        Events events = new Events(Clock.systemUTC(), masker)
                .subscribe(event -> EventLines.line(event).ifPresent(out::println));
        try {
            DeliveryRecord record = new Engine(new EngineContext(workspace, events).withNetwork(network)).deliver(request);
            return DeliveryOutcome.succeeded(record, Map.of(), masker);
        } catch (DeliveryFailedException failed) {
            return DeliveryOutcome.failed(failed.record(), failed, masker);
        }
    }

    /** Every secret the request carries: the agent's log masks them all. */
    static List<Secret> secrets(DeliveryRequest request) {
        List<Secret> secrets = new ArrayList<>();
        RegistryAuth auth = request.push().auth();
        if (auth instanceof RegistryAuth.Basic basic) {
            secrets.add(basic.password());
        } else if (auth instanceof RegistryAuth.AcrRefreshToken refresh) {
            secrets.add(refresh.refreshToken());
        }
        if (request.build() != null) {
            request.build().secrets().forEach(secret -> secrets.add(secret.value()));
        }
        if (request.deploy() != null) {
            cluster(request.deploy().cluster(), secrets);
        }
        if (request.update() != null && request.update().auth() instanceof GitOpsUpdateRequest.GitAuth.UsernamePassword git) {
            secrets.add(git.password());
        }
        if (request.await() != null) {
            secrets.add(request.await().token());
            cluster(request.await().cluster(), secrets);
        }
        secrets.removeIf(Objects::isNull);
        return secrets;
    }

    private static void cluster(ClusterAccess cluster, List<Secret> secrets) {
        if (cluster instanceof ClusterAccess.Kubeconfig kubeconfig) {
            secrets.add(kubeconfig.content());
        } else if (cluster instanceof ClusterAccess.Aks aks && aks.identity() instanceof AzureIdentity.ClientSecret principal) {
            secrets.add(principal.clientSecret());
        }
    }
}
