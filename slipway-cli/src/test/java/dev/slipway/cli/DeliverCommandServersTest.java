package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.testsupport.buildah.BuildahEnvironment;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slipway deliver} in GitOps mode end to end: real buildah (base image served by a real docker-registry),
 * push to that registry, commit to a real smart-HTTP Git server with basic auth; the record and report on disk.
 */
@Tag("real-server")
class DeliverCommandServersTest {
    private static final String CANARY_WRONG_GIT_PASS = Canary.of("wrong-git-pass");
    @RegisterExtension
    static BuildahEnvironment buildah = new BuildahEnvironment();
    @RegisterExtension
    static RegistryServer registry = RegistryServer.noAuth();
    @RegisterExtension
    static final GitHttpServer GIT = GitServer.smartHttp();
    private static String base;

    @TempDir
    Path workspace;
    @TempDir
    Path cache;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void publishTheBaseImage() {
        base = registry.hostPort() + "/slipway/base:latest";
        buildah.skopeo("copy", "--dest-tls-verify=false", "oci:" + buildah.baseImageOciLayout() + ":latest", "docker://" + base)
                .requireSuccess();
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = SlipwayCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        DeliverCommand deliver = cli.getSubcommands().get("deliver").getCommand();
        deliver.environment = env;
        return cli.execute(args);
    }

    private BareRepo setUp(String name) throws IOException {
        String image = registry.hostPort() + "/visit-counter/" + name;
        BareRepo repo = GIT.createRepo(name);
        repo.seed("main", Map.of("k8s/overlays/dev/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources:\n  - ../../base\nimages:\n  - name: " + image + "\n    newTag: 0.1.0\n"), "seed");
        Files.createDirectories(workspace.resolve("app"));
        Files.writeString(workspace.resolve("app/Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY greeting.txt /app/\n");
        Files.writeString(workspace.resolve("app/greeting.txt"), "hello " + name + "\n");
        Files.writeString(workspace.resolve("slipway.yaml"), """
                schemaVersion: 1
                image:
                  repository: %s
                  tags: ["b{buildNumber}"]
                build:
                  context: app
                  args:
                    BASE_IMAGE: %s
                  insecureRegistries: [%s]
                registry:
                  plainHttp: true
                environments:
                  dev:
                    mode: gitops
                    gitops:
                      repository: %s
                      path: k8s/overlays/dev
                      auth:
                        username: %s
                        passwordEnv: GITOPS_TOKEN
                      author: "Slipway test <test@slipway.invalid>"
                """.formatted(image, base, registry.hostPort(), repo.url(), GIT.username()));
        return repo;
    }

    @Test
    void buildsPushesCommitsTheDigestAndWritesTheRecordAndReport() throws Exception {
        BareRepo repo = setUp("web-ok");

        int exit = run(Map.of("GITOPS_TOKEN", GIT.password()), "deliver", "-e", "dev", "--workspace", workspace.toString(),
                "--cache", cache.toString(), "--build-number", "21", "--delivery-id", "cli-21");

        assertThat(exit).as(err.toString()).isZero();
        Path recordFile = workspace.resolve(".slipway/records/cli-21.json");
        DeliveryRecord record = DeliveryRecords.fromJson(Files.readString(recordFile));
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::name)
                .containsExactly("build", "push", "update", "commit");
        assertThat(record.build().driver()).isEqualTo("buildah");
        assertThat(record.image().tags()).containsExactly("b21");
        assertThat(record.commit().id()).isEqualTo(repo.head("main"));
        assertThat(repo.readFile("main", "k8s/overlays/dev/kustomization.yaml"))
                .contains("newTag: b21", "digest: " + record.image().digest());
        assertThat(workspace.resolve(".slipway/records/cli-21.html")).content().contains("cli-21");
        assertThat(out.toString()).contains("delivered " + registry.hostPort() + "/visit-counter/web-ok@" + record.image().digest()
                + " to dev (gitops)", "record: " + recordFile);
        assertNoSecretAnywhere();
    }

    @Test
    void aRefusedGitCredentialIsExitCode3WithTheFailedRecordWritten() throws Exception {
        BareRepo repo = setUp("web-refused");
        String before = repo.head("main");

        int exit = run(Map.of("GITOPS_TOKEN", CANARY_WRONG_GIT_PASS), "deliver", "--workspace", workspace.toString(),
                "--cache", cache.toString(), "--delivery-id", "cli-refused", "--record", "out/delivery.json", "--build-number", "22");

        assertThat(exit).as(err.toString()).isEqualTo(3);
        DeliveryRecord record = DeliveryRecords.fromJson(Files.readString(workspace.resolve("out/delivery.json")));
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure().phase()).isEqualTo("commit");
        assertThat(workspace.resolve("out/delivery.html")).exists();
        assertThat(err.toString()).contains("delivery cli-refused to dev failed in commit", "record: ", "report: ");
        assertThat(repo.head("main")).isEqualTo(before);
        assertThat(out.toString() + err + Files.readString(workspace.resolve("out/delivery.json"))).doesNotContain(CANARY_WRONG_GIT_PASS);
    }

    private void assertNoSecretAnywhere() throws IOException {
        assertThat(out.toString() + err).doesNotContain(GIT.password());
        try (Stream<Path> files = Files.walk(workspace.resolve(".slipway/records"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(GIT.password());
            }
        }
    }
}
