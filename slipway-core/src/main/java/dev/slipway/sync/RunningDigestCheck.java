package dev.slipway.sync;

import dev.slipway.image.ImageRef;
import dev.slipway.support.DeadlineExceededException;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * After a GitOps sync: the changed workloads finished rolling out (push mode's {@link RolloutWaiter}) and
 * every live pod of them runs our digest in each container of our image, read from
 * {@code status.containerStatuses[].imageID} (the kubelet's {@code repo@sha256:...}, possibly prefixed with
 * {@code docker-pullable://}). Pods that are being deleted do not count.
 */
final class RunningDigestCheck {
    /** @param done every pod runs our digest */
    record Outcome(boolean done, String message) { }

    private final KubernetesClient client;
    private final Events events;
    private final Duration pollInterval;

    RunningDigestCheck(KubernetesClient client, Events events, Duration pollInterval) {
        this.client = client;
        this.events = events;
        this.pollInterval = pollInterval;
    }

    Outcome await(WaitRequest.RunningDigest wanted, Instant end, Duration deadline) {
        String digest = wanted.image().digest().orElseThrow().toString();
        List<RolloutWaiter.Target> targets = new ArrayList<>();
        for (String workload : wanted.workloads()) {
            targets.add(new RolloutWaiter.Target(workloadType(workload), wanted.namespace(), workload.substring(workload.indexOf('/') + 1)));
        }
        Duration remaining = Duration.between(events.clock().instant(), end);
        RolloutWaiter.Outcome rollout = new RolloutWaiter(client, events, pollInterval)
                .await(targets, remaining.isNegative() ? Duration.ZERO : remaining);
        if (rollout.deadlineExceeded()) {
            throw new DeadlineExceededException(rollout.message(), deadline, "give it more time, or look at the workloads' events");
        }
        if (!rollout.done()) {
            return new Outcome(false, rollout.message());
        }
        String last = "";
        while (true) {
            List<String> notOurs = new ArrayList<>();
            int ours = 0;
            for (RolloutWaiter.Target target : targets) {
                for (Pod pod : pods(target)) {
                    if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                            || pod.getStatus().getContainerStatuses() == null) {
                        continue;
                    }
                    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
                        if (!isOurImage(container.getImage(), wanted.image())) {
                            continue;
                        }
                        String imageId = container.getImageID() == null ? "" : container.getImageID();
                        if (imageId.endsWith("@" + digest)) {
                            ours++;
                        } else {
                            notOurs.add("pod " + pod.getMetadata().getName() + " container " + container.getName() + " runs "
                                    + (imageId.isEmpty() ? "no image yet" : imageId.substring(imageId.lastIndexOf('@') + 1)));
                        }
                    }
                }
            }
            if (notOurs.isEmpty() && ours > 0) {
                String message = ours + " container(s) run " + digest;
                events.finished(Phase.WAIT, wanted.image().repository(), message);
                return new Outcome(true, message);
            }
            String message = ours == 0 && notOurs.isEmpty() ? "no pod of " + String.join(", ", wanted.workloads())
                    + " runs an image of " + wanted.image().repository() : String.join("; ", notOurs) + " (not " + digest + ")";
            if (!message.equals(last)) {
                last = message;
                events.progress(Phase.WAIT, wanted.image().repository(), message, ours, ours + notOurs.size());
            }
            long left = Duration.between(events.clock().instant(), end).toMillis();
            if (left <= 0) {
                String why = "the pods did not all run " + digest + " within " + deadline + ": " + message;
                events.failed(Phase.WAIT, wanted.image().repository(), why);
                throw new DeadlineExceededException(why, deadline, "look at the workloads: an old ReplicaSet may still run,"
                        + " or the manifests in Git name another image");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(left, pollInterval.toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted while waiting for the pods", null);
            }
        }
    }

    private List<Pod> pods(RolloutWaiter.Target target) {
        try {
            var workload = client.genericKubernetesResources(target.type()).inNamespace(target.namespace())
                    .withName(target.name()).get();
            if (workload == null) {
                return List.of();
            }
            Map<String, Object> spec = ArgoCdRules.map(workload.getAdditionalProperties().get("spec"));
            Map<String, String> labels = new LinkedHashMap<>();
            ArgoCdRules.map(ArgoCdRules.map(spec.get("selector")).get("matchLabels"))
                    .forEach((key, value) -> labels.put(key, String.valueOf(value)));
            if (labels.isEmpty()) {
                return List.of();
            }
            return client.pods().inNamespace(target.namespace()).withLabels(labels).list().getItems();
        } catch (KubernetesClientException e) {
            throw ClusterObjects.translate(e, "list", target.type(), target.namespace());
        }
    }

    private static boolean isOurImage(String image, ImageRef ours) {
        try {
            return image != null && ImageRef.parse(image).sameImageAs(ours);
        } catch (RuntimeException notAReference) {
            return false;
        }
    }

    static ResourceDefinitionContext workloadType(String workload) {
        int slash = workload.indexOf('/');
        String kind = slash < 0 ? "" : workload.substring(0, slash);
        String normal = switch (kind.toLowerCase(Locale.ROOT)) {
            case "deployment", "deployments", "deploy" -> "Deployment";
            case "statefulset", "statefulsets", "sts" -> "StatefulSet";
            case "daemonset", "daemonsets", "ds" -> "DaemonSet";
            default -> throw new InvalidInputException("workloads", "'" + workload + "' is not Kind/name of a Deployment,"
                    + " StatefulSet or DaemonSet", "write e.g. Deployment/web");
        };
        if (slash == workload.length() - 1) {
            throw new InvalidInputException("workloads", "'" + workload + "' names no workload", "write e.g. Deployment/web");
        }
        return ClusterObjects.type("apps", "v1", normal, normal.toLowerCase(Locale.ROOT) + "s");
    }
}
