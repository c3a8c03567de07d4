package dev.slipway.sync;

import dev.slipway.support.Event;
import dev.slipway.support.Events;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Waits until workloads finish rolling out (shared by push mode and the GitOps wait). Each workload is
 * watched; every change is evaluated by {@link RolloutStatus} and reported as a progress event. A re-read
 * every {@code resync} covers a dropped watch. Pods of the new template that are stuck in a state that
 * does not heal by itself (ImagePullBackOff, CrashLoopBackOff, …) fail the rollout at once; at the
 * deadline the last status and the pods' and events' reasons are the message.
 */
public final class RolloutWaiter {
    /** Container waiting reasons that mean the new version will not come up without a change. */
    static final Set<String> STUCK_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");

    private final KubernetesClient client;
    private final Events events;
    private final Duration resync;

    /** A workload to wait for. */
    public record Target(ResourceDefinitionContext type, String namespace, String name) {
        public String key() {
            return type.getKind() + "/" + namespace + "/" + name;
        }
    }

    /**
     * How a wait ended.
     *
     * @param done             every target rolled out
     * @param deadlineExceeded the deadline passed first
     * @param message          the outcome; for a failure, which workload and why
     */
    public record Outcome(boolean done, boolean deadlineExceeded, String message) { }

    public RolloutWaiter(KubernetesClient client, Events events) {
        this(client, events, Duration.ofSeconds(2));
    }

    public RolloutWaiter(KubernetesClient client, Events events, Duration resync) {
        this.client = client;
        this.events = events;
        this.resync = resync;
    }

    /** Waits for every target, one deadline for all. */
    public Outcome await(List<Target> targets, Duration deadline) {
        Instant end = events.clock().instant().plus(deadline);
        List<String> finished = new ArrayList<>();
        for (Target target : targets) {
            Outcome outcome = awaitOne(target, end, deadline);
            if (!outcome.done()) {
                return outcome;
            }
            finished.add(target.key());
        }
        return new Outcome(true, false, finished.isEmpty() ? "no workloads to wait for"
                : finished.size() + " workload(s) rolled out: " + String.join(", ", finished));
    }

    private Outcome awaitOne(Target target, Instant end, Duration deadline) {
        BlockingQueue<Boolean> changed = new LinkedBlockingQueue<>();
        events.started(Event.Phase.WAIT, target.key(), "waiting for the rollout of " + target.key());
        Watch watch = null;
        try {
            try {
                watch = client.genericKubernetesResources(target.type()).inNamespace(target.namespace())
                        .withName(target.name()).watch(new Watcher<GenericKubernetesResource>() {
                            @Override
                            public void eventReceived(Action action, GenericKubernetesResource resource) {
                                changed.offer(Boolean.TRUE);
                            }

                            @Override
                            public void onClose(WatcherException cause) {
                                changed.offer(Boolean.TRUE);
                            }
                        });
            } catch (KubernetesClientException watchRefused) {
                // a cluster that refuses watches is still read every resync
            }
            String lastMessage = "";
            while (true) {
                Map<String, Object> object = read(target);
                RolloutStatus status = object == null
                        ? new RolloutStatus(RolloutStatus.State.FAILED, target.key() + " does not exist (deleted?)", -1, -1)
                        : RolloutStatus.of(object);
                if (!status.message().equals(lastMessage)) {
                    lastMessage = status.message();
                    if (status.state() == RolloutStatus.State.PROGRESSING) {
                        events.progress(Event.Phase.WAIT, target.key(), status.message(), status.done(), status.total());
                    }
                }
                if (status.state() == RolloutStatus.State.DONE) {
                    events.finished(Event.Phase.WAIT, target.key(), status.message());
                    return new Outcome(true, false, target.key() + ": " + status.message());
                }
                List<String> stuck = object == null ? List.of() : stuckPods(target, object);
                if (status.state() == RolloutStatus.State.FAILED || !stuck.isEmpty()) {
                    String reason = target.key() + " failed: " + (status.state() == RolloutStatus.State.FAILED
                            ? status.message() : lastMessage) + reasons(target, stuck);
                    events.failed(Event.Phase.WAIT, target.key(), reason);
                    return new Outcome(false, false, reason);
                }
                long remaining = Duration.between(events.clock().instant(), end).toMillis();
                if (remaining <= 0) {
                    String reason = target.key() + " did not finish rolling out within " + deadline + ": " + lastMessage
                            + reasons(target, object == null ? List.of() : podProblems(target, object, false));
                    events.failed(Event.Phase.WAIT, target.key(), reason);
                    return new Outcome(false, true, reason);
                }
                try {
                    changed.poll(Math.min(remaining, resync.toMillis()), TimeUnit.MILLISECONDS);
                    changed.clear();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome(false, false, target.key() + ": interrupted while waiting for the rollout");
                }
            }
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(Target target) {
        GenericKubernetesResource resource = client.genericKubernetesResources(target.type())
                .inNamespace(target.namespace()).withName(target.name()).get();
        return resource == null ? null : client.getKubernetesSerialization().convertValue(resource, Map.class);
    }

    private List<String> stuckPods(Target target, Map<String, Object> object) {
        return podProblems(target, object, true);
    }

    /** Problems of the pods that run the workload's current template (old pods are not its problem). */
    private List<String> podProblems(Target target, Map<String, Object> object, boolean onlyStuck) {
        Map<String, Object> spec = RolloutStatus.map(object.get("spec"));
        Map<String, String> selector = new java.util.LinkedHashMap<>();
        RolloutStatus.map(RolloutStatus.map(spec.get("selector")).get("matchLabels"))
                .forEach((k, v) -> selector.put(k, String.valueOf(v)));
        if (selector.isEmpty()) {
            return List.of();
        }
        Set<String> templateImages = new HashSet<>();
        Map<String, Object> podSpec = RolloutStatus.map(RolloutStatus.map(spec.get("template")).get("spec"));
        for (String list : List.of("containers", "initContainers")) {
            if (podSpec.get(list) instanceof List<?> containers) {
                containers.forEach(c -> templateImages.add(String.valueOf(RolloutStatus.map(c).get("image"))));
            }
        }
        List<String> problems = new ArrayList<>();
        try {
            for (Pod pod : client.pods().inNamespace(target.namespace()).withLabels(selector).list().getItems()) {
                if (pod.getStatus() == null) {
                    continue;
                }
                List<ContainerStatus> statuses = new ArrayList<>();
                if (pod.getStatus().getInitContainerStatuses() != null) {
                    statuses.addAll(pod.getStatus().getInitContainerStatuses());
                }
                if (pod.getStatus().getContainerStatuses() != null) {
                    statuses.addAll(pod.getStatus().getContainerStatuses());
                }
                for (ContainerStatus container : statuses) {
                    if (!templateImages.isEmpty() && !templateImages.contains(container.getImage())) {
                        continue;
                    }
                    var waiting = container.getState() == null ? null : container.getState().getWaiting();
                    if (waiting != null && waiting.getReason() != null
                            && (!onlyStuck || STUCK_REASONS.contains(waiting.getReason()))) {
                        problems.add("pod " + pod.getMetadata().getName() + ", container " + container.getName() + ": "
                                + waiting.getReason() + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")"));
                    }
                }
            }
        } catch (KubernetesClientException cannotListPods) {
            // the reason is extra information; a deployer without pod read rights still gets the status
        }
        return problems;
    }

    private String reasons(Target target, List<String> podProblems) {
        Set<String> lines = new LinkedHashSet<>(podProblems);
        try {
            client.v1().events().inNamespace(target.namespace()).list().getItems().stream()
                    .filter(e -> "Warning".equals(e.getType()) && e.getInvolvedObject() != null
                            && e.getInvolvedObject().getName() != null
                            && e.getInvolvedObject().getName().startsWith(target.name()))
                    .limit(5)
                    .forEach(e -> lines.add("event " + e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName()
                            + ": " + e.getReason() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")));
        } catch (KubernetesClientException cannotListEvents) {
            // as above
        }
        return lines.isEmpty() ? "" : "; " + String.join("; ", lines);
    }
}
