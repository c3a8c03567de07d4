package dev.slipway.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testsupport.secrets.Canary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanAndOrderTest {

    @Test
    void namespacesAndCrdsComeFirstAndCustomResourcesLast() {
        List<KubeObject> objects = ManifestLoader.parse("m.yaml", String.join("---\n",
                "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n",
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"));

        assertThat(ApplyOrder.sort(objects)).extracting(KubeObject::kind)
                .containsExactly("Namespace", "CustomResourceDefinition", "Service", "Deployment", "Widget");
    }

    @Test
    void theDiffShowsOnlyFieldsTheManifestSets() {
        Map<String, Object> desired = ManifestLoader.parse("d.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3\n  template:\n    spec:\n"
                        + "      containers:\n      - name: web\n        image: web:2\n").get(0).body();
        Map<String, Object> live = KubeObject.deepCopy(desired);
        @SuppressWarnings("unchecked")
        Map<String, Object> liveMetadata = (Map<String, Object>) live.get("metadata");
        liveMetadata.put("resourceVersion", "42");
        liveMetadata.put("managedFields", List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) live.get("spec");
        spec.put("replicas", 2);
        spec.put("revisionHistoryLimit", 10); // a server default: not ours, not shown
        live.put("status", new LinkedHashMap<>(Map.of("replicas", 2)));

        String diff = ObjectDiff.diff(live, desired);

        assertThat(diff).contains("-   replicas: 2\n", "+   replicas: 3\n").doesNotContain("revisionHistoryLimit", "resourceVersion");
        assertThat(ObjectDiff.diff(KubeObject.deepCopy(desired), desired)).isEmpty();
        assertThat(ObjectDiff.diff(null, desired)).startsWith("+ apiVersion: apps/v1\n");
    }

    @Test
    void secretValuesNeverAppearInAPlanButTheirChangeDoes() {
        String canary = Canary.of("secret-value");
        Map<String, Object> desired = ManifestLoader.parse("s.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                + "stringData:\n  password: " + canary + "\n").get(0).body();
        Map<String, Object> live = ManifestLoader.parse("s.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                + "data:\n  password: " + java.util.Base64.getEncoder().encodeToString("old-value".getBytes()) + "\n").get(0).body();

        assertThat(ObjectDiff.diff(null, desired)).contains("password: (secret, sha256 ").doesNotContain(canary);
        assertThat(ObjectDiff.diff(live, desired)).contains("+ stringData:").doesNotContain(canary, "old-value",
                java.util.Base64.getEncoder().encodeToString("old-value".getBytes()));
    }

    @Test
    void stringsAYaml11ReaderWouldMisreadAreQuotedInTheApplyBody() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("flag", "yes");
        env.put("mode", "0644");
        env.put("plain", "web");
        env.put("number", 420);

        assertThat(ObjectDiff.yaml(env)).isEqualTo("flag: 'yes'\nmode: '0644'\nplain: web\nnumber: 420\n");
    }

    @Test
    void applySetIdFollowsTheKubectlFormat() {
        String id = ApplySet.id("shop", "prod");
        assertThat(id).matches("applyset-[A-Za-z0-9_-]{43}-v1");
        assertThat(ApplySet.id("shop", "prod")).isEqualTo(id);
        assertThat(ApplySet.id("shop", "test")).isNotEqualTo(id);
    }
}
