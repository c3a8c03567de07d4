package dev.slipway.sync;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.util.Map;

/**
 * Flux through the cluster: {@link FluxRules} on the Kustomization or HelmRelease. A reconcile is requested
 * as {@code flux reconcile --with-source} does: the annotation {@code reconcile.fluxcd.io/requestedAt} on
 * the source (GitRepository, ...) and on the object.
 */
final class FluxClusterWatch implements SyncWaiter.Watch {
    static final String RECONCILE_ANNOTATION = "reconcile.fluxcd.io/requestedAt";

    private final ClusterObjects cluster;
    private final FluxObject object;
    private final Ancestry ancestry;
    private final Clock clock;
    private boolean refresh;

    FluxClusterWatch(ClusterObjects cluster, FluxObject object, boolean refresh, Ancestry ancestry, Clock clock) {
        this.cluster = cluster;
        this.object = object;
        this.refresh = refresh;
        this.ancestry = ancestry;
        this.clock = clock;
    }

    @Override
    public String subject() {
        return object.kind() + "/" + object.namespace() + "/" + object.name();
    }

    private ResourceDefinitionContext type() {
        return "HelmRelease".equals(object.kind()) ? ClusterObjects.HELM_RELEASE : ClusterObjects.KUSTOMIZATION;
    }

    @Override
    public SyncVerdict look(String commit) {
        Map<String, Object> current = cluster.get(type(), object.namespace(), object.name(), "application");
        if (refresh) {
            requestReconcile(current);
            refresh = false;
            current = cluster.get(type(), object.namespace(), object.name(), "application");
        }
        return FluxRules.evaluate(current, commit, ancestry);
    }

    private void requestReconcile(Map<String, Object> current) {
        String now = clock.instant().toString();
        Map<String, Object> spec = ArgoCdRules.map(current.get("spec"));
        Map<String, Object> sourceRef = "HelmRelease".equals(object.kind())
                ? ArgoCdRules.map(ArgoCdRules.map(ArgoCdRules.map(spec.get("chart")).get("spec")).get("sourceRef"))
                : ArgoCdRules.map(spec.get("sourceRef"));
        if (sourceRef.isEmpty() && "HelmRelease".equals(object.kind())) {
            sourceRef = ArgoCdRules.map(spec.get("chartRef"));
        }
        ResourceDefinitionContext sourceType = ClusterObjects.FLUX_SOURCES.get(ArgoCdRules.text(sourceRef.get("kind"), ""));
        if (sourceType != null) {
            cluster.annotate(sourceType, ArgoCdRules.text(sourceRef.get("namespace"), object.namespace()),
                    ArgoCdRules.text(sourceRef.get("name"), ""), RECONCILE_ANNOTATION, now);
        }
        cluster.annotate(type(), object.namespace(), object.name(), RECONCILE_ANNOTATION, now);
    }
}
