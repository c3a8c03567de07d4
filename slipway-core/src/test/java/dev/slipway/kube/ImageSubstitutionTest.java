package dev.slipway.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.image.ImageRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSubstitutionTest {
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final ImageRef PUSHED = ImageRef.parse("shop.azurecr.io/shop/web:1.2.3@" + DIGEST);

    private static String podSpec(String indent) {
        return (indent + "initContainers:\n" + indent + "- name: migrate\n" + indent + "  image: shop.azurecr.io/shop/web:old\n"
                + indent + "containers:\n" + indent + "- name: web\n" + indent + "  image: shop.azurecr.io/shop/web\n"
                + indent + "- name: hook\n" + indent + "  image: shop.azurecr.io/shop/webhook:1\n"
                + indent + "- name: redis\n" + indent + "  image: redis:7\n");
    }

    static String workloads() {
        StringBuilder yaml = new StringBuilder();
        for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job")) {
            yaml.append("apiVersion: ").append(kind.equals("Job") ? "batch/v1" : kind.equals("ReplicationController") ? "v1" : "apps/v1")
                    .append("\nkind: ").append(kind).append("\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n")
                    .append(podSpec("      ")).append("---\n");
        }
        yaml.append("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: w\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n")
                .append(podSpec("          ")).append("---\n");
        yaml.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n").append(podSpec("  "));
        return yaml.toString();
    }

    @Test
    void everyWorkloadKindGetsThePushedDigestInContainersAndInitContainers() {
        List<KubeObject> objects = ManifestLoader.parse("w.yaml", workloads());

        ImageSubstitution.Result result = ImageSubstitution.apply(objects, List.of(PUSHED));

        assertThat(objects).hasSize(8);
        assertThat(result.changedObjects()).hasSize(8);
        assertThat(result.changes()).hasSize(16).allSatisfy(change -> assertThat(change.newValue()).isEqualTo(PUSHED.reference()));
        assertThat(result.changes()).extracting(c -> c.location() + " " + c.field()).contains(
                "CronJob/w spec.jobTemplate.spec.template.spec.initContainers[migrate].image",
                "Pod/w spec.containers[web].image",
                "Deployment/w spec.template.spec.containers[web].image");
        String rendered = ObjectDiff.yaml(objects.get(0).body());
        assertThat(rendered).contains("image: shop.azurecr.io/shop/webhook:1", "image: redis:7");
        assertThat(result.unmatched()).isEmpty();
    }

    @Test
    void anImageThatMatchesNothingIsReportedAndPlaceholdersAreLeftAlone() {
        List<KubeObject> objects = ManifestLoader.parse("w.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      containers:\n"
                        + "      - name: a\n        image: ${IMAGE}\n      - name: b\n        image: shop.azurecr.io/shop/web:1.2.3@" + DIGEST + "\n");
        ImageRef other = ImageRef.parse("shop.azurecr.io/shop/api:2");

        ImageSubstitution.Result result = ImageSubstitution.apply(objects, List.of(PUSHED, other));

        assertThat(result.changes()).isEmpty(); // already the pushed reference
        assertThat(result.unmatched()).containsExactly(other);
    }
}
