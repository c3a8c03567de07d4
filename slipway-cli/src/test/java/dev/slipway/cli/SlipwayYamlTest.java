package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.InvalidInputException;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code slipway.yaml}: what it accepts, and errors that name the file, line, key and fix. */
class SlipwayYamlTest {
    private static final String CANARY_YAML_SECRET = Canary.of("yaml-secret");
    static final String MINIMAL = """
            schemaVersion: 1
            image:
              repository: shop.azurecr.io/shop/web
            environments:
              dev:
                mode: gitops
                gitops:
                  repository: https://git.example/gitops.git
                  path: overlays/dev
            """;

    @Test
    void theReferenceAppsFileReadsWithBothModes() throws Exception {
        DeliveryConfig config = SlipwayYaml.parse(Files.readString(Path.of("..", "examples", "flask-redis", "slipway.yaml")),
                "slipway.yaml");

        assertThat(config.image()).isEqualTo(new DeliveryConfig.Image("slipwaydemo.azurecr.io/visit-counter/web", List.of("{gitCommitShort}")));
        assertThat(config.build().context()).isEqualTo("app");
        assertThat(config.build().args()).isEqualTo(Map.of("BASE_IMAGE", "python:3.12-slim"));
        assertThat(config.registry().passwordEnv()).isEqualTo("ACR_TOKEN_PASSWORD");
        assertThat(config.environments()).containsOnlyKeys("dev", "prod");
        DeliveryConfig.Environment dev = config.environments().get("dev");
        assertThat(dev.mode()).isEqualTo(DeliveryConfig.Mode.GITOPS);
        assertThat(dev.gitops().path()).isEqualTo("examples/flask-redis/k8s/overlays/dev");
        assertThat(dev.gitops().auth().passwordEnv()).isEqualTo("GITOPS_TOKEN");
        assertThat(dev.await().argocdApplication()).isEqualTo("visit-counter-dev");
        DeliveryConfig.Environment prod = config.environments().get("prod");
        assertThat(prod.mode()).isEqualTo(DeliveryConfig.Mode.PUSH);
        assertThat(prod.kubernetes().manifests()).containsExactly("k8s/overlays/prod");
        assertThat(prod.kubernetes().rollback()).isTrue();
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheNearestKnownKey() {
        String text = MINIMAL.replace("      path: overlays/dev", "      path: overlays/dev\n      brnch: main");

        assertThatThrownBy(() -> SlipwayYaml.parse(text, "slipway.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("slipway.yaml:10 environments.dev.gitops.brnch: unknown key 'brnch'")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix())
                        .startsWith("did you mean 'branch'? keys allowed in environments.dev.gitops: auth, author, branch,"));
    }

    @Test
    void aSecretWrittenAsAValueIsRefusedWithoutQuotingIt() {
        String text = MINIMAL + "registry:\n  username: bot\n  password: " + CANARY_YAML_SECRET + "\n";

        assertThatThrownBy(() -> SlipwayYaml.parse(text, "slipway.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("slipway.yaml:12 registry.password: secrets are never written in slipway.yaml")
                .satisfies(e -> {
                    assertThat(((InvalidInputException) e).fix()).contains("passwordEnv or passwordFile");
                    assertThat(((InvalidInputException) e).describe()).doesNotContain(CANARY_YAML_SECRET);
                });
    }

    @Test
    void versionsModeAndShapesAreChecked() {
        assertThatThrownBy(() -> SlipwayYaml.parse(MINIMAL.replace("schemaVersion: 1", "schemaVersion: 2"), "slipway.yaml"))
                .hasMessage("slipway.yaml:1 schemaVersion: is 2; this Slipway reads version 1")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).isEqualTo("upgrade Slipway to read this file"));
        assertThatThrownBy(() -> SlipwayYaml.parse(MINIMAL.replace("schemaVersion: 1\n", ""), "slipway.yaml"))
                .hasMessageStartingWith("slipway.yaml:1 schemaVersion: is missing");
        assertThatThrownBy(() -> SlipwayYaml.parse(MINIMAL.replace("mode: gitops", "mode: kubectl"), "slipway.yaml"))
                .hasMessage("slipway.yaml:6 environments.dev.mode: is 'kubectl'");
        assertThatThrownBy(() -> SlipwayYaml.parse(MINIMAL.replace("mode: gitops", "mode: push"), "slipway.yaml"))
                .hasMessageStartingWith("slipway.yaml:5 environments.dev.kubernetes: is missing for mode push");
        assertThatThrownBy(() -> SlipwayYaml.parse(MINIMAL.replace("  repository: shop.azurecr.io/shop/web", "  repository: [a, b]"),
                "slipway.yaml"))
                .hasMessageStartingWith("slipway.yaml:3 image.repository: is a list, not a single value");
        assertThatThrownBy(() -> SlipwayYaml.parse(MINIMAL + "layout: oci\nbuild:\n  context: .\n", "slipway.yaml"))
                .hasMessageStartingWith("slipway.yaml:10 layout: and build exclude each other");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> SlipwayYaml.parse("schemaVersion: 1\nimage:\n  repository: [a,\n  tags: b\nbuild: {\n", "slipway.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("slipway\\.yaml:\\d+: is not valid YAML: .*")
                .satisfies(e -> assertThat(((InvalidInputException) e).fix()).startsWith("fix the YAML syntax at that line"));
        assertThatThrownBy(() -> SlipwayYaml.parse(MINIMAL + "image:\n  repository: again\n", "slipway.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessage("slipway.yaml:10 image: is given twice (also on line 2)");
        assertThatThrownBy(() -> SlipwayYaml.parse("", "slipway.yaml")).hasMessage("slipway.yaml: is empty");
    }
}
