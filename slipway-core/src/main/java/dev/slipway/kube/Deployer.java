package dev.slipway.kube;

import dev.slipway.delivery.EngineContext;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayVersion;
import dev.slipway.sync.RolloutWaiter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Push mode: read the manifests, substitute the pushed images, plan (per-object diff against the live
 * objects), server-side apply, wait for the rollout, roll back and prune when asked. Everything that can
 * be refused (bad YAML, unknown kinds, a downgrade) is refused before the first write.
 */
public final class Deployer {
    private static final List<String> WAITED_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    private final EngineContext context;
    private final Function<ClusterAccess, KubernetesClient> connector;
    private final Duration resync;

    public Deployer(EngineContext context) {
        this(context, access -> Kubeconfigs.connect(access, context.events().masker(), context.events().clock().instant(),
                context.network()), Duration.ofSeconds(2));
    }

    /** With Azure AD tokens for AKS access; {@code resourceManagerEndpoint} {@code null} for the identity's cloud. */
    public static Deployer withAzure(EngineContext context, Kubeconfigs.AzureTokens tokens, String resourceManagerEndpoint) {
        return new Deployer(context, access -> Kubeconfigs.connect(access, context.events().masker(),
                context.events().clock().instant(), tokens, resourceManagerEndpoint, context.network()), Duration.ofSeconds(2));
    }

    /** {@code connector} turns cluster access into a client; {@code resync} is how often the waiter re-reads. */
    public Deployer(EngineContext context, Function<ClusterAccess, KubernetesClient> connector, Duration resync) {
        this.context = context;
        this.connector = connector;
        this.resync = resync;
    }

    /** One object of the set with where it goes and what the cluster has now. */
    private record Planned(KubeObject object, KubeCluster.ResourceType type, String namespace, Map<String, Object> live,
            String diff) {
        String key() {
            return object.key();
        }
    }

    public DeployResult deploy(DeployRequest request) {
        Events events = context.events();
        if (request.cluster() == null) {
            throw new InvalidInputException("cluster", "no cluster access was given", "give a kubeconfig or an AKS cluster");
        }
        if (request.prune() && (request.applySet() == null || request.applySet().isBlank())) {
            throw new InvalidInputException("applySet", "prune needs the name of the set it prunes within",
                    "give applySet, a name for this application's set of objects (e.g. the app name)");
        }
        List<KubeObject> objects = ApplyOrder.sort(new ManifestLoader(context.workspace()).load(request.manifests()));
        events.info(Event.Phase.DEPLOY, "", "read " + objects.size() + " objects from " + String.join(", ", request.manifests()));

        try (KubeCluster cluster = new KubeCluster(connector.apply(request.cluster()), request.namespace())) {
            cluster.learnCustomResourceDefinitions(objects);
            ApplySet applySet = request.prune() ? new ApplySet(request.applySet(),
                    blank(request.namespace()) ? cluster.defaultNamespace() : request.namespace()) : null;
            List<Planned> plan = new ArrayList<>();
            for (KubeObject object : objects) {
                KubeCluster.ResourceType type = cluster.type(object.apiVersion(), object.kind());
                String namespace = cluster.namespaceOf(object, request.namespace());
                if (!namespace.isEmpty()) {
                    object.setNamespace(namespace);
                } else {
                    object.metadata().remove("namespace");
                }
                if (applySet != null) {
                    object.labels().put(ApplySet.PART_OF_LABEL, applySet.id());
                }
                plan.add(new Planned(object, type, namespace, null, null));
            }
            if (request.pullSecret() != null) {
                addPullSecrets(request.pullSecret(), plan, cluster);
            }
            // after namespaces are known, so changes name the object where it really goes
            ImageSubstitution.Result substitution = ImageSubstitution.apply(objects, request.images());
            substitution.changes().forEach(change -> events.info(Event.Phase.DEPLOY, change.location(),
                    change.field() + ": " + change.oldValue() + " -> " + change.newValue()));
            substitution.unmatched().forEach(image -> events.warning(Event.Phase.DEPLOY, image.reference(),
                    "image " + image.name() + " matches no container in the manifests: nothing was substituted for it"));
            Traceability.annotate(objects, request.images(), request.provenance());

            // read what is there now: for the plan, the rollback copy, the downgrade guard and the actions
            List<Planned> read = new ArrayList<>();
            for (Planned p : plan) {
                Map<String, Object> live = cluster.get(p.type(), p.namespace(), p.object().name());
                read.add(new Planned(p.object(), p.type(), p.namespace(), live, ObjectDiff.diff(live, p.object().body())));
            }
            if (!request.allowDowngrade()) {
                guardDowngrade(read, request);
            }
            if (request.plan()) {
                return plan(read, substitution, request, cluster);
            }
            return apply(read, substitution, request, cluster, applySet);
        }
    }

    /** One pull secret per namespace with workloads, applied before them; the workloads name it. */
    private void addPullSecrets(ImagePullSecret pullSecret, List<Planned> plan, KubeCluster cluster) {
        context.events().masker().register(pullSecret.password());
        Set<String> namespaces = new TreeSet<>();
        for (Planned p : plan) {
            if (p.object().isWorkload()) {
                pullSecret.referenceFrom(p.object());
                namespaces.add(p.namespace());
            }
        }
        KubeCluster.ResourceType secretType = cluster.type("v1", "Secret");
        int first = 0;
        int secretRank = ApplyOrder.rank(pullSecret.secretIn(""));
        while (first < plan.size() && ApplyOrder.rank(plan.get(first).object()) < secretRank) {
            first++;
        }
        for (String namespace : namespaces) {
            plan.add(first++, new Planned(pullSecret.secretIn(namespace), secretType, namespace, null, null));
        }
    }

    private DeployResult plan(List<Planned> read, ImageSubstitution.Result substitution, DeployRequest request,
            KubeCluster cluster) {
        Events events = context.events();
        List<DeployResult.AppliedObject> results = new ArrayList<>();
        for (Planned p : read) {
            if (request.serverDryRun()) {
                cluster.apply(p.type(), p.namespace(), p.object(), request.force(), true);
            }
            DeployResult.Action action = p.live() == null ? DeployResult.Action.WOULD_CREATE
                    : p.diff().isEmpty() ? DeployResult.Action.UNCHANGED : DeployResult.Action.WOULD_CONFIGURE;
            events.info(Event.Phase.PLAN, p.key(), action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + (p.diff().isEmpty() ? "" : "\n" + p.diff()));
            results.add(applied(p, action));
        }
        return new DeployResult(results, substitution.changes(), false, false,
                "plan: " + count(results, DeployResult.Action.WOULD_CREATE) + " to create, "
                        + count(results, DeployResult.Action.WOULD_CONFIGURE) + " to change, "
                        + count(results, DeployResult.Action.UNCHANGED) + " unchanged"
                        + (request.serverDryRun() ? " (checked by the server with dryRun=All)" : ""));
    }

    private DeployResult apply(List<Planned> read, ImageSubstitution.Result substitution, DeployRequest request,
            KubeCluster cluster, ApplySet applySet) {
        Events events = context.events();
        Map<String, Object> previousParent = null;
        if (applySet != null && !request.serverDryRun()) {
            previousParent = cluster.get(cluster.type("v1", "Secret"), applySet.namespace(), applySet.name());
            Set<String> kinds = new TreeSet<>(groupKinds(read));
            Set<String> namespaces = new TreeSet<>(namespaces(read));
            if (previousParent != null) {
                Map<String, Object> annotations = annotations(previousParent);
                Object tooling = annotations.get(ApplySet.TOOLING);
                if (tooling != null && !tooling.toString().startsWith("slipway/")) {
                    // KEP-3659: a tool must not mutate an ApplySet another tool manages
                    throw new InvalidInputException("applySet", "the ApplySet '" + applySet.name() + "' in namespace '"
                            + applySet.namespace() + "' is managed by " + tooling,
                            "choose another applySet name, or keep using " + tooling + " for this set");
                }
                kinds.addAll(ApplySet.split(annotations.get(ApplySet.GROUP_KINDS)));
                namespaces.addAll(ApplySet.split(annotations.get(ApplySet.NAMESPACES)));
            }
            // the parent lists the union first, so an interrupted deploy still lets the next prune find everything
            KubeObject parent = applySet.parent(kinds, namespaces, "slipway/v" + SlipwayVersion.get());
            cluster.apply(cluster.type("v1", "Secret"), applySet.namespace(), parent, true, false);
        }
        List<DeployResult.AppliedObject> results = new ArrayList<>();
        List<Planned> changedWorkloads = new ArrayList<>();
        int index = 0;
        for (Planned p : read) {
            cluster.apply(p.type(), p.namespace(), p.object(), request.force(), request.serverDryRun());
            DeployResult.Action action = p.live() == null ? DeployResult.Action.CREATED
                    : p.diff().isEmpty() ? DeployResult.Action.UNCHANGED : DeployResult.Action.CONFIGURED;
            index++;
            events.progress(Event.Phase.DEPLOY, p.key(), action.name().toLowerCase(java.util.Locale.ROOT)
                    + (request.serverDryRun() ? " (server dry run)" : ""), index, read.size());
            results.add(applied(p, action));
            if (action != DeployResult.Action.UNCHANGED && p.live() != null && p.object().isWorkload()) {
                changedWorkloads.add(p);
            }
        }
        if (request.serverDryRun()) {
            return new DeployResult(results, substitution.changes(), false, false,
                    "server dry run: " + results.size() + " objects accepted, nothing changed");
        }

        List<RolloutWaiter.Target> targets = read.stream().filter(p -> WAITED_KINDS.contains(p.object().kind()))
                .map(p -> new RolloutWaiter.Target(p.type().context(), p.namespace(), p.object().name())).toList();
        RolloutWaiter waiter = new RolloutWaiter(cluster.client(), events, resync);
        RolloutWaiter.Outcome outcome = waiter.await(targets, request.timeout());
        if (!outcome.done()) {
            boolean rolledBack = false;
            String rollbackOutcome = "";
            if (request.rollback()) {
                rollbackOutcome = rollback(changedWorkloads, cluster, waiter, request);
                rolledBack = true;
            }
            DeployResult result = new DeployResult(results, substitution.changes(), false, rolledBack,
                    outcome.message() + rollbackOutcome);
            throw new RolloutFailedException("the rollout failed: " + outcome.message() + rollbackOutcome,
                    outcome.deadlineExceeded()
                            ? "look at the pods (kubectl describe); raise the timeout if the rollout is only slow"
                            : "look at the pods and events named above; fix the image or configuration and deploy again",
                    outcome.deadlineExceeded(), result);
        }
        if (applySet != null) {
            prune(read, cluster, applySet, results);
        }
        return new DeployResult(results, substitution.changes(), true, false, outcome.message());
    }

    /** Re-applies the live specs kept before the apply, waits for them, and says how that went. */
    private String rollback(List<Planned> changedWorkloads, KubeCluster cluster, RolloutWaiter waiter, DeployRequest request) {
        Events events = context.events();
        if (changedWorkloads.isEmpty()) {
            return "; nothing to roll back (no existing workload was changed)";
        }
        try {
            List<RolloutWaiter.Target> targets = new ArrayList<>();
            for (Planned p : changedWorkloads) {
                KubeObject previous = new KubeObject(p.object().source(), p.object().document(), p.object().line(),
                        ObjectDiff.withoutServerFields(p.live()));
                previous.metadata().remove("uid");
                events.info(Event.Phase.ROLLBACK, p.key(), "re-applying the spec that ran before");
                // force: the previous spec is taken back whole, even fields the failed apply took over
                cluster.apply(p.type(), p.namespace(), previous, true, false);
                targets.add(new RolloutWaiter.Target(p.type().context(), p.namespace(), p.object().name()));
            }
            RolloutWaiter.Outcome outcome = waiter.await(targets, request.timeout());
            events.info(Event.Phase.ROLLBACK, "", outcome.done() ? "rolled back" : "the rollback failed too");
            return outcome.done() ? "; rolled back: " + outcome.message() : "; the rollback failed too: " + outcome.message();
        } catch (RuntimeException e) {
            return "; the rollback failed too: " + e.getMessage();
        }
    }

    private void prune(List<Planned> read, KubeCluster cluster, ApplySet applySet, List<DeployResult.AppliedObject> results) {
        Events events = context.events();
        KubeCluster.ResourceType secretType = cluster.type("v1", "Secret");
        Map<String, Object> parent = cluster.get(secretType, applySet.namespace(), applySet.name());
        Map<String, Object> annotations = parent == null ? Map.of() : annotations(parent);
        Set<String> kinds = new TreeSet<>(ApplySet.split(annotations.get(ApplySet.GROUP_KINDS)));
        Set<String> namespaces = new TreeSet<>(ApplySet.split(annotations.get(ApplySet.NAMESPACES)));
        namespaces.add(applySet.namespace());
        namespaces.addAll(namespaces(read));
        namespaces.remove("");
        Map<String, KubeCluster.ResourceType> typesByGroupKind = new LinkedHashMap<>();
        for (Planned p : read) {
            typesByGroupKind.putIfAbsent(ApplySet.groupKind(p.object()), p.type());
        }
        Set<String> keep = new LinkedHashSet<>();
        read.forEach(p -> keep.add(p.type().qualified() + "/" + p.namespace() + "/" + p.object().name()));
        for (String groupKind : kinds) {
            KubeCluster.ResourceType type = typesByGroupKind.get(groupKind);
            if (type == null) {
                type = resolve(cluster, groupKind);
                if (type == null) {
                    events.warning(Event.Phase.PRUNE, groupKind, "cannot find kind " + groupKind + " on the cluster: not pruned");
                    continue;
                }
            }
            for (String namespace : type.namespaced() ? namespaces : Set.of("")) {
                for (Map<String, Object> item : cluster.list(type, namespace, ApplySet.PART_OF_LABEL + "=" + applySet.id())) {
                    Map<String, Object> metadata = map(item.get("metadata"));
                    Map<String, Object> labels = map(metadata.get("labels"));
                    String name = String.valueOf(metadata.get("name"));
                    // never outside the set: the label is checked here too, not only by the server's selector
                    if (!applySet.id().equals(labels.get(ApplySet.PART_OF_LABEL))
                            || keep.contains(type.qualified() + "/" + namespace + "/" + name)) {
                        continue;
                    }
                    cluster.delete(type, namespace, name);
                    String key = type.kind() + (namespace.isEmpty() ? "" : "/" + namespace) + "/" + name;
                    events.info(Event.Phase.PRUNE, key, "pruned: no longer in the manifests");
                    results.add(new DeployResult.AppliedObject(type.apiVersion(), type.kind(), namespace, name,
                            DeployResult.Action.PRUNED, ""));
                }
            }
        }
        cluster.apply(secretType, applySet.namespace(), applySet.parent(new TreeSet<>(groupKinds(read)),
                new TreeSet<>(namespaces(read)), "slipway/v" + SlipwayVersion.get()), true, false);
    }

    private static KubeCluster.ResourceType resolve(KubeCluster cluster, String groupKind) {
        int dot = groupKind.indexOf('.');
        String kind = dot < 0 ? groupKind : groupKind.substring(0, dot);
        String group = dot < 0 ? "" : groupKind.substring(dot + 1);
        for (String version : List.of("v1", "v2", "v1beta1", "v1alpha1")) {
            try {
                return cluster.type(group.isEmpty() ? version : group + "/" + version, kind);
            } catch (KubeApiException notThisVersion) {
                // try the next
            }
        }
        return null;
    }

    private void guardDowngrade(List<Planned> read, DeployRequest request) {
        if (request.provenance() == null || request.provenance().buildNumber() == null) {
            return;
        }
        for (Planned p : read) {
            if (p.live() == null || !p.object().isWorkload()) {
                continue;
            }
            Map<String, Object> annotations = annotations(p.live());
            Object liveBuild = annotations.get(Traceability.BUILD_NUMBER);
            Object liveSource = annotations.get(Traceability.SOURCE_REPOSITORY);
            String source = request.provenance().sourceRepository();
            boolean sameSource = liveSource == null || source == null || liveSource.equals(source);
            if (liveBuild != null && sameSource && liveBuild.toString().matches("\\d+")
                    && Long.parseLong(liveBuild.toString()) > request.provenance().buildNumber()) {
                throw new DowngradeRefusedException(p.key() + " runs build " + liveBuild
                        + (annotations.get(Traceability.SOURCE_COMMIT) == null ? ""
                                : " (commit " + annotations.get(Traceability.SOURCE_COMMIT) + ")")
                        + ", newer than build " + request.provenance().buildNumber() + " being deployed; nothing was applied");
            }
        }
    }

    private static DeployResult.AppliedObject applied(Planned p, DeployResult.Action action) {
        return new DeployResult.AppliedObject(p.object().apiVersion(), p.object().kind(), p.namespace(), p.object().name(),
                action, p.diff());
    }

    private static long count(List<DeployResult.AppliedObject> results, DeployResult.Action action) {
        return results.stream().filter(r -> r.action() == action).count();
    }

    private static Set<String> groupKinds(List<Planned> read) {
        Set<String> kinds = new TreeSet<>();
        read.forEach(p -> kinds.add(ApplySet.groupKind(p.object())));
        return kinds;
    }

    private static Set<String> namespaces(List<Planned> read) {
        Set<String> namespaces = new TreeSet<>();
        read.forEach(p -> namespaces.add(p.namespace()));
        namespaces.remove("");
        return namespaces;
    }

    private static Map<String, Object> annotations(Map<String, Object> object) {
        return map(map(object.get("metadata")).get("annotations"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
