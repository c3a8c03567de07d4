package io.jenkins.plugins.slipway.model;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.BuildResult;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.PushResult;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.NetworkSettings;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Objects;

/**
 * {@code acrBuild}'s work on the agent, over the workspace: build the image with the engine, push it by digest and
 * tag it. The step's {@code MasterToSlaveFileCallable} only calls {@link #run}; this class takes no Jenkins types, so
 * tests run it against real servers. Everything secret it carries (registry auth: at most an ACR refresh token or a basic password; build secret
 * values) is registered with the masker before the engine runs, so the log never shows it. Returns the step's result
 * map ({@link AcrBuildPlan#stepResult}).
 */
public final class AcrBuildWork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final BuildRequest build;
    private final RegistryAuth auth;
    private final RegistryTransport transport;
    private final BuildLog log;
    private final NetworkSettings network;

    public AcrBuildWork(BuildRequest build, RegistryAuth auth, RegistryTransport transport, BuildLog log) {
        this(build, auth, transport, NetworkSettings.direct(), log);
    }

    /** @param network the controller's proxy settings (Jenkins' HTTP proxy), honoured by the agent's connections */
    public AcrBuildWork(BuildRequest build, RegistryAuth auth, RegistryTransport transport, NetworkSettings network,
            BuildLog log) {
        this.network = network == null ? NetworkSettings.direct() : network;
        this.build = Objects.requireNonNull(build, "build");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.transport = transport == null ? RegistryTransport.defaults() : transport;
        this.log = Objects.requireNonNull(log, "log");
        if (auth instanceof RegistryAuth.AzureAd) {
            // DESIGN.md: Azure credentials stay on the controller; only the exchanged ACR refresh token travels
            throw new IllegalArgumentException("exchange the Azure identity for an ACR refresh token on the controller");
        }
    }

    /** Builds, pushes and returns the step result; {@code workspace} is the agent's workspace folder. */
    public HashMap<String, String> run(Path workspace) {
        PrintStream out = log.stream();
        SecretMasker masker = new SecretMasker();
        register(masker);
        Events events = new Events(Clock.systemUTC(), masker)
                .subscribe(event -> EventLines.line(event).ifPresent(out::println));
        Engine engine = new Engine(new EngineContext(workspace, events).withNetwork(network));
        BuildResult built = engine.build(build);
        PushResult pushed = engine.push(AcrBuildPlan.pushRequest(built, auth, transport));
        return new HashMap<>(AcrBuildPlan.stepResult(pushed));
    }

    /**
     * Builds and pushes as {@link #run(Path)}, and records the delivery: the outcome carries the record also when the
     * build or push failed, so the controller can store it before failing the step.
     */
    public DeliveryOutcome run(Path workspace, Provenance provenance) {
        SecretMasker masker = new SecretMasker();
        register(masker);
        return RecordedWork.run(provenance.deliveryId(), DeliveryRecord.Mode.PUSH, provenance, masker, log,
                Event.Phase.BUILD, (events, results) -> {
                    Engine engine = new Engine(new EngineContext(workspace, events).withNetwork(network));
                    BuildResult built = engine.build(build);
                    results.built(built);
                    PushRequest push = AcrBuildPlan.pushRequest(built, auth, transport);
                    PushResult pushed = engine.push(push);
                    results.pushed(push, pushed);
                    return AcrBuildPlan.stepResult(pushed);
                });
    }

    private void register(SecretMasker masker) {
        if (auth instanceof RegistryAuth.Basic basic) {
            masker.register(basic.password());
        } else if (auth instanceof RegistryAuth.AcrRefreshToken refresh) {
            masker.register(refresh.refreshToken());
        }
        for (BuildRequest.BuildSecret secret : build.secrets()) {
            Secret value = secret.value();
            masker.register(value);
        }
    }
}
