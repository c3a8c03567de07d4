package dev.slipway.sync;

import java.util.Map;

/**
 * Argo CD through the cluster: the same rules as through the API ({@link ArgoCdRules}) on the
 * {@code argoproj.io/v1alpha1 Application} resource; a refresh is requested with the annotation
 * {@code argocd.argoproj.io/refresh: normal} (argo-cd docs, "annotations and labels").
 */
final class ArgoCdClusterWatch implements SyncWaiter.Watch {
    static final String DEFAULT_NAMESPACE = "argocd";
    static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";

    private final ClusterObjects cluster;
    private final String namespace;
    private final String name;
    private final Ancestry ancestry;
    private boolean refresh;

    ArgoCdClusterWatch(ClusterObjects cluster, String application, boolean refresh, Ancestry ancestry) {
        this.cluster = cluster;
        int slash = application.indexOf('/');
        this.namespace = slash < 0 ? DEFAULT_NAMESPACE : application.substring(0, slash);
        this.name = slash < 0 ? application : application.substring(slash + 1);
        this.refresh = refresh;
        this.ancestry = ancestry;
    }

    @Override
    public String subject() {
        return "Application/" + namespace + "/" + name;
    }

    @Override
    public SyncVerdict look(String commit) {
        if (refresh) {
            cluster.get(ClusterObjects.ARGO_APPLICATION, namespace, name, "application"); // a clear error if it is missing
            cluster.annotate(ClusterObjects.ARGO_APPLICATION, namespace, name, REFRESH_ANNOTATION, "normal");
            refresh = false;
        }
        Map<String, Object> application = cluster.get(ClusterObjects.ARGO_APPLICATION, namespace, name, "application");
        return ArgoCdRules.evaluate(application, commit, ancestry);
    }
}
