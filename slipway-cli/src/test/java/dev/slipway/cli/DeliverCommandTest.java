package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.secrets.Canary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slipway deliver} without servers: usage errors (exit 2) and how flags override slipway.yaml. */
class DeliverCommandTest {
    private static final String CANARY_ACR_PASS = Canary.of("acr-pass");
    private static final String CANARY_ARGO_TOKEN = Canary.of("argo-token");
    private static final String CANARY_GIT_TOKEN = Canary.of("git-token");
    static final String TWO_ENVIRONMENTS = """
            schemaVersion: 1
            image:
              repository: shop.azurecr.io/shop/web
              tags: ["{gitCommitShort}"]
            build:
              context: app
              args:
                BASE: debian:bookworm
                MODE: release
            registry:
              username: bot
              passwordEnv: ACR_PASSWORD
            environments:
              dev:
                mode: gitops
                gitops:
                  repository: https://git.example/gitops.git
                  path: overlays/dev
                  auth:
                    passwordEnv: GIT_TOKEN
                wait:
                  argocd:
                    application: shop-dev
                    server: https://argocd.example
                    tokenEnv: ARGOCD_TOKEN
                  timeout: 7m
              prod:
                mode: push
                kubernetes:
                  manifests: [k8s/overlays/prod]
                  kubeconfigFile: kubeconfig
                  namespace: shop
            """;

    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        DeliverCommand deliver = cli.getSubcommands().get("deliver").getCommand();
        deliver.environment = Map.of("ACR_PASSWORD", CANARY_ACR_PASS, "GIT_TOKEN", CANARY_GIT_TOKEN,
                "ARGOCD_TOKEN", CANARY_ARGO_TOKEN);
        String[] all = new String[args.length + 3];
        all[0] = "deliver";
        all[1] = "--workspace";
        all[2] = workspace.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.execute(all);
    }

    @Test
    void withoutAFileOrAnEnvironmentItIsAUsageErrorThatSaysWhatToGive() throws Exception {
        assertThat(run("-e", "dev")).isEqualTo(2);
        assertThat(err.toString()).contains("--file: there is no slipway.yaml at", "Fix: write one (docs/slipway-yaml.md)");

        Files.writeString(workspace.resolve("slipway.yaml"), TWO_ENVIRONMENTS);
        err.getBuffer().setLength(0);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("--environment: is needed: slipway.yaml names dev, prod");

        err.getBuffer().setLength(0);
        assertThat(run("-e", "staging")).isEqualTo(2);
        assertThat(err.toString()).contains("--environment: 'staging' is not in slipway.yaml", "use one of: dev, prod");

        assertThat(run("-e", "dev", "--no-such-flag")).isEqualTo(2);
    }

    @Test
    void aBadFileIsAUsageErrorWithLineKeyAndFixAndNothingIsWritten() throws Exception {
        Files.writeString(workspace.resolve("slipway.yaml"), TWO_ENVIRONMENTS.replace("  namespace: shop", "  namspace: shop"));

        assertThat(run("-e", "prod")).isEqualTo(2);

        assertThat(err.toString()).contains("slipway.yaml:32 environments.prod.kubernetes.namspace: unknown key 'namspace'",
                "Fix: did you mean 'namespace'?");
        assertThat(workspace.resolve(".slipway")).doesNotExist();
    }

    @Test
    void aMissingSecretVariableIsAUsageErrorNamingTheKey() throws Exception {
        Files.writeString(workspace.resolve("slipway.yaml"), TWO_ENVIRONMENTS.replace("passwordEnv: GIT_TOKEN", "passwordEnv: NOT_SET"));

        assertThat(run("-e", "dev")).isEqualTo(2);

        assertThat(err.toString()).contains("gitops.auth.passwordEnv: environment variable NOT_SET is empty or not set");
        assertThat(out.toString() + err).doesNotContain("canary-");
    }

    @Test
    void flagsOverrideTheFileAndTheEnvironmentsSectionsApply() throws Exception {
        DeliveryConfig config = SlipwayYaml.parse(TWO_ENVIRONMENTS, "slipway.yaml");
        DeliverCommand command = new DeliverCommand();
        command.environment = Map.of("ACR_PASSWORD", CANARY_ACR_PASS, "GIT_TOKEN", CANARY_GIT_TOKEN,
                "ARGOCD_TOKEN", CANARY_ARGO_TOKEN);
        new CommandLine(command).parseArgs("-e", "dev", "--tag", "1.4.2", "--build-arg", "MODE=debug", "--gitops-path", "overlays/qa",
                "--timeout", "90s", "--git-commit", "c".repeat(40), "--build-number", "9");

        DeliveryRequest request = command.request(config, config.environments().get("dev"), workspace, "d-9", new SecretMasker());

        assertThat(request.mode()).isEqualTo(dev.slipway.delivery.DeliveryRecord.Mode.GITOPS);
        assertThat(request.build().tags()).containsExactly("1.4.2");
        assertThat(request.build().buildArgs()).isEqualTo(Map.of("BASE", "debian:bookworm", "MODE", "debug"));
        assertThat(request.build().context()).isEqualTo("app");
        assertThat(request.push().target().reference()).isEqualTo("shop.azurecr.io/shop/web");
        assertThat(request.push().auth()).isInstanceOf(dev.slipway.registry.RegistryAuth.Basic.class);
        assertThat(request.update().path()).isEqualTo("overlays/qa");
        assertThat(request.update().branch()).isEqualTo("main");
        assertThat(request.await().deadline()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(request.await().application()).isEqualTo("shop-dev");
        assertThat(request.provenance().sourceCommit()).isEqualTo("c".repeat(40));
        assertThat(request.provenance().deliveryId()).isEqualTo("d-9");
        assertThat(request.toString()).doesNotContain("canary-");

        DeliverCommand fileOnly = new DeliverCommand();
        fileOnly.environment = command.environment;
        new CommandLine(fileOnly).parseArgs("-e", "dev", "--layout", "oci", "--no-wait");
        DeliveryRequest fromFile = fileOnly.request(config, config.environments().get("dev"), workspace, "d-10", new SecretMasker());
        assertThat(fromFile.build()).isNull();
        assertThat(fromFile.push().layout()).isEqualTo("oci");
        assertThat(fromFile.push().tags()).containsExactly("{gitCommitShort}");
        assertThat(fromFile.update().path()).isEqualTo("overlays/dev");
        assertThat(fromFile.await()).isNull();
    }

    @Test
    void pushModeReadsTheKubeconfigTheFileNamesAndAPlanFlagPlans() throws Exception {
        Files.writeString(workspace.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        DeliveryConfig config = SlipwayYaml.parse(TWO_ENVIRONMENTS, "slipway.yaml");
        DeliverCommand command = new DeliverCommand();
        command.environment = Map.of("ACR_PASSWORD", CANARY_ACR_PASS);
        new CommandLine(command).parseArgs("-e", "prod", "--plan", "-n", "shop-canary");

        DeliveryRequest request = command.request(config, config.environments().get("prod"), workspace, "d-11", new SecretMasker());

        assertThat(request.mode()).isEqualTo(dev.slipway.delivery.DeliveryRecord.Mode.PUSH);
        assertThat(request.deploy().plan()).isTrue();
        assertThat(request.deploy().namespace()).isEqualTo("shop-canary");
        assertThat(request.deploy().manifests()).containsExactly("k8s/overlays/prod");
        assertThat(request.await()).isNull();
    }
}
