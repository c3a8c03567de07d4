package dev.slipway.sync;

import dev.slipway.support.AuthenticationException;
import dev.slipway.support.InvalidInputException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and annotates the custom resources the wait watches in a cluster, with errors that say what to grant. */
final class ClusterObjects {
    static final ResourceDefinitionContext ARGO_APPLICATION = type("argoproj.io", "v1alpha1", "Application", "applications");
    static final ResourceDefinitionContext KUSTOMIZATION = type("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations");
    static final ResourceDefinitionContext HELM_RELEASE = type("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases");
    static final Map<String, ResourceDefinitionContext> FLUX_SOURCES = Map.of(
            "GitRepository", type("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories"),
            "OCIRepository", type("source.toolkit.fluxcd.io", "v1beta2", "OCIRepository", "ocirepositories"),
            "HelmRepository", type("source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepositories"),
            "HelmChart", type("source.toolkit.fluxcd.io", "v1", "HelmChart", "helmcharts"),
            "Bucket", type("source.toolkit.fluxcd.io", "v1", "Bucket", "buckets"));

    private final KubernetesClient client;

    ClusterObjects(KubernetesClient client) {
        this.client = client;
    }

    static ResourceDefinitionContext type(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    /** The object as JSON maps; a missing one is bad input naming {@code field}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> get(ResourceDefinitionContext type, String namespace, String name, String field) {
        GenericKubernetesResource resource;
        try {
            resource = client.genericKubernetesResources(type).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw translate(e, "get", type, namespace);
        }
        if (resource == null) {
            throw new InvalidInputException(field, "there is no " + type.getKind() + " '" + name + "' in namespace '"
                    + namespace + "'", "check the name and namespace (kubectl get " + type.getPlural() + "." + type.getGroup()
                    + " -n " + namespace + ")");
        }
        return client.getKubernetesSerialization().convertValue(resource, Map.class);
    }

    /** Sets one annotation (a request to reconcile); the controller reacts to the change. */
    void annotate(ResourceDefinitionContext type, String namespace, String name, String key, String value) {
        try {
            client.genericKubernetesResources(type).inNamespace(namespace).withName(name).edit(resource -> {
                Map<String, String> annotations = resource.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(resource.getMetadata().getAnnotations());
                annotations.put(key, value);
                resource.getMetadata().setAnnotations(annotations);
                return resource;
            });
        } catch (KubernetesClientException e) {
            throw translate(e, "patch", type, namespace);
        }
    }

    static RuntimeException translate(KubernetesClientException e, String verb, ResourceDefinitionContext type, String namespace) {
        String resource = type.getPlural() + "." + type.getGroup();
        if (e.getCode() == 401) {
            return new AuthenticationException("the cluster did not accept the credentials (401) when asked to " + verb + " "
                    + resource, "get fresh cluster credentials (a new kubeconfig)");
        }
        if (e.getCode() == 403) {
            return new AuthenticationException("forbidden: the cluster does not allow '" + verb + "' on " + resource
                    + " in namespace '" + namespace + "'", "grant the identity verb '" + verb + "' on '" + resource
                    + "' in '" + namespace + "'; check with: kubectl auth can-i " + verb + " " + resource + " -n " + namespace);
        }
        return new SyncException("the cluster refused to " + verb + " " + resource + " in namespace '" + namespace + "': "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getClass().getSimpleName()), "check that Argo CD / Flux is installed in this cluster");
    }
}
