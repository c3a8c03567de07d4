package dev.slipway.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
    @TempDir
    Path workspace;

    private void write(String path, String text) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  a: b\n";
    }

    @Test
    void readsMultiDocumentFilesFoldersRecursivelyAndListsInOrder() throws IOException {
        write("k8s/b.yaml", configMap("b1") + "---\n" + configMap("b2") + "---\n");
        write("k8s/a.yml", configMap("a"));
        write("k8s/sub/c.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
        write("k8s/notes.txt", "not a manifest");
        write("list.yaml", "apiVersion: v1\nkind: List\nitems:\n- " + configMap("l1").replace("\n", "\n  ").trim() + "\n");

        List<KubeObject> objects = new ManifestLoader(workspace).load(List.of("k8s", "list.yaml"));

        assertThat(objects).extracting(KubeObject::name).containsExactly("a", "b1", "b2", "c", "l1");
        assertThat(objects.get(2).source()).isEqualTo("k8s/b.yaml");
        assertThat(objects.get(2).document()).isEqualTo(1);
        assertThat(objects.get(2).line()).isEqualTo(8);
    }

    @Test
    void globsMatchFilesAcrossFolders() throws IOException {
        write("deploy/app/web.yaml", configMap("web"));
        write("deploy/db/db.yaml", configMap("db"));
        write("deploy/db/db.txt", configMap("ignored"));

        assertThat(new ManifestLoader(workspace).load(List.of("deploy/**/*.yaml")))
                .extracting(KubeObject::name).containsExactly("web", "db");
        assertThatThrownBy(() -> new ManifestLoader(workspace).load(List.of("deploy/*.yml")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("matches no file");
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() throws IOException {
        write("bad.yaml", configMap("ok") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n    bad: indent\n");

        assertThatThrownBy(() -> new ManifestLoader(workspace).load(List.of("bad.yaml")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("bad.yaml, line 12, column 8");
    }

    @Test
    void objectsWithoutKindOrNameAreRefusedWithTheirDocument() throws IOException {
        write("noname.yaml", configMap("a") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n");

        assertThatThrownBy(() -> new ManifestLoader(workspace).load(List.of("noname.yaml")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("noname.yaml (document 2, line 8) (ConfigMap) has no metadata.name")
                .hasMessageContaining("generateName");
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefused() {
        assertThatThrownBy(() -> new ManifestLoader(workspace).load(List.of("../etc")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the workspace");
        assertThatThrownBy(() -> new ManifestLoader(workspace).load(List.of("missing.yaml")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void leadingZeroNumbersAreOctalAsKubernetesReadsThem() {
        List<KubeObject> objects = ManifestLoader.parse("m.yaml",
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    secret:\n      defaultMode: 0644\n      items: []\n  replicas: 10\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> volume = (Map<String, Object>) ((List<?>) ((Map<?, ?>) objects.get(0).body().get("spec")).get("volumes")).get(0);
        assertThat(((Map<?, ?>) volume.get("secret")).get("defaultMode")).isEqualTo(420);
        assertThat(((Map<?, ?>) objects.get(0).body().get("spec")).get("replicas")).isEqualTo(10);
    }

    @Test
    void kustomizeFoldersAreRenderedWithKubectl() throws IOException {
        write("overlay/kustomization.yaml", "resources:\n- cm.yaml\nnamePrefix: prod-\n");
        write("overlay/cm.yaml", configMap("settings"));

        List<KubeObject> objects = new ManifestLoader(workspace).load(List.of("overlay"));

        assertThat(objects).extracting(KubeObject::name).containsExactly("prod-settings");
        assertThat(objects.get(0).source()).isEqualTo("overlay (kustomize)");
    }

    @Test
    void kustomizeWithoutKubectlIsAClearError() throws IOException {
        write("overlay/kustomization.yaml", "resources: []\n");

        assertThatThrownBy(() -> new ManifestLoader(workspace, "no-such-kubectl-here").load(List.of("overlay")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("overlay is a kustomize folder")
                .hasMessageContaining("'kubectl' on the PATH");
    }
}
