package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway gitops update --local <dir>} on a real folder. */
class GitOpsUpdateCommandTest {
    static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String NEW = "myacr.azurecr.io/shop/web:1.4.2@" + DIGEST;
    static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web  # keep me\nspec:\n"
            + "  template:\n    spec:\n      containers:\n      - name: web\n        image: 'myacr.azurecr.io/shop/web:1.0.0'\r\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void updatesTheFolderAndPrintsEachChange() throws IOException {
        Files.writeString(dir.resolve("deploy.yaml"), DEPLOYMENT);

        int exit = run("gitops", "update", "--local", dir.toString(), "--image", NEW);

        assertThat(exit).isZero();
        assertThat(Files.readString(dir.resolve("deploy.yaml")))
                .isEqualTo(DEPLOYMENT.replace("myacr.azurecr.io/shop/web:1.0.0", NEW));
        assertThat(out.toString()).contains("deploy.yaml (Deployment/web) spec.template.spec.containers[0].image: "
                + "myacr.azurecr.io/shop/web:1.0.0 -> " + NEW);

        out.getBuffer().setLength(0);
        assertThat(run("gitops", "update", "--local", dir.toString(), "--image", NEW)).isZero();
        assertThat(out.toString()).startsWith("already up to date");
    }

    @Test
    void dryRunWritesNothing() throws IOException {
        Files.writeString(dir.resolve("deploy.yaml"), DEPLOYMENT);

        int exit = run("gitops", "update", "--local", dir.toString(), "--image", NEW, "--pin", "tag", "--dry-run");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("would change").contains("-> myacr.azurecr.io/shop/web:1.4.2\n");
        assertThat(Files.readString(dir.resolve("deploy.yaml"))).isEqualTo(DEPLOYMENT);
    }

    @Test
    void helmAndFluxOptionsReachTheUpdate() throws IOException {
        Files.writeString(dir.resolve("values.yaml"), "image:\n  repository: myacr.azurecr.io/shop/web\n  tag: \"1.0.0\"\n");
        Files.writeString(dir.resolve("marked.yaml"), "image: old:1 # {\"$imagepolicy\": \"flux-system:web\"}\n");

        int exit = run("gitops", "update", "--local", dir.toString(), "--image", NEW,
                "--helm-repository-key", "image.repository", "--helm-tag-key", "image.tag",
                "--flux-policy", "flux-system:web=" + NEW);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("values.yaml"))).contains("tag: \"1.4.2\"");
        assertThat(Files.readString(dir.resolve("marked.yaml"))).isEqualTo("image: " + NEW + " # {\"$imagepolicy\": \"flux-system:web\"}\n");
    }

    @Test
    void refusedInputExitsWith1AndSaysWhatToFix() throws IOException {
        Files.writeString(dir.resolve("deploy.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("broken.yaml"), "a: [1,\n");

        int exit = run("gitops", "update", "--local", dir.toString(), "--image", NEW);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("broken.yaml:").contains("does not parse").contains("Fix:");
        assertThat(Files.readString(dir.resolve("deploy.yaml"))).isEqualTo(DEPLOYMENT);

    }

    @Test
    void badOptionValuesAreUsageErrorsWithExitCode2() {
        assertThat(run("gitops", "update", "--local", dir.toString(), "--image", "Not/Valid")).isEqualTo(2);
        assertThat(err.toString()).contains("--image");
        err.getBuffer().setLength(0);
        assertThat(run("gitops", "update", "--local", dir.toString(), "--image", NEW, "--pin", "sometimes")).isEqualTo(2);
        assertThat(err.toString()).contains("--pin").contains("tag, digest, both");
    }

    @Test
    void withoutLocalItIsAUsageError() {
        assertThat(run("gitops", "update", "--image", NEW)).isEqualTo(2);
        assertThat(err.toString()).contains("--local");
    }

    @Test
    void jsonOutputListsEachChangeAndWhetherItWasADryRun() throws Exception {
        Files.writeString(dir.resolve("deploy.yaml"), DEPLOYMENT);

        int exit = run("gitops", "update", "-o", "json", "--local", dir.toString(), "--image", NEW, "--dry-run");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode document = JsonOutput.MAPPER.readTree(out.toString());
        assertThat(document.at("/result/dryRun").asBoolean()).isTrue();
        assertThat(document.at("/result/upToDate").asBoolean()).isFalse();
        assertThat(document.at("/result/changes/0/location").asText()).isEqualTo("deploy.yaml");
        assertThat(document.at("/result/changes/0/field").asText()).isEqualTo("spec.template.spec.containers[0].image");
        assertThat(document.at("/result/changes/0/oldValue").asText()).isEqualTo("myacr.azurecr.io/shop/web:1.0.0");
        assertThat(document.at("/result/changes/0/newValue").asText()).isEqualTo(NEW);
        assertThat(Files.readString(dir.resolve("deploy.yaml"))).isEqualTo(DEPLOYMENT);
    }
}
