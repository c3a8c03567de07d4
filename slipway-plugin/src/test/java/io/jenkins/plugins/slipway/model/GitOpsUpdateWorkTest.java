package io.jenkins.plugins.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.support.AuthenticationException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.fakes.GitHubFake;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.git.GitSshServer;
import dev.slipway.testsupport.secrets.Canary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitopsUpdate}'s agent work, as the step's callable runs it, against real Git servers (lighttpd +
 * git-http-backend with basic auth, sshd) and the GitHub fake for pull requests. Credentials come from a fake lookup
 * (a map) through the same conversion the step uses.
 */
@Tag("real-server")
class GitOpsUpdateWorkTest {
    private static final String CANARY = Canary.of("gitops-step");
    private static final String DIGEST = "sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
    private static final String IMAGE = "shop.azurecr.io/shop/web:1.4@" + DIGEST;
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      # the shop's web front end
                      image: shop.azurecr.io/shop/web:1.3
            """;

    @RegisterExtension
    static final GitHttpServer HTTP = GitServer.smartHttp();

    @RegisterExtension
    static final GitSshServer SSH = GitServer.ssh();

    @RegisterExtension
    static final GitHubFake GITHUB = new GitHubFake(CANARY);

    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    Path workspace;

    @TempDir
    Path cache;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private CredentialConversion credentials() throws IOException {
        Map<String, FoundCredential> store = new HashMap<>();
        store.put("git-http", new FoundCredential.UsernamePassword(HTTP.username(), Secret.of(HTTP.password())));
        store.put("git-wrong", new FoundCredential.UsernamePassword(HTTP.username(), Secret.of(CANARY)));
        store.put("git-ssh", new FoundCredential.SshPrivateKey(SSH.username(),
                Secret.of(Files.readString(SSH.privateKey())), null));
        store.put("pr-token", new FoundCredential.SecretText(Secret.of(CANARY)));
        return new CredentialConversion(id -> Optional.ofNullable(store.get(id)));
    }

    private static BareRepo seeded(GitServer server) {
        BareRepo repo = server.createRepo("gitops-" + REPOS.incrementAndGet());
        repo.seed("main", Map.of("apps/shop/web.yaml", DEPLOYMENT), "seed");
        return repo;
    }

    private DeliveryOutcome run(GitOpsUpdateSettings settings, String knownHosts) throws IOException {
        CredentialConversion credentials = credentials();
        GitOpsUpdateRequest request = GitOpsUpdatePlan.request(settings,
                credentials.gitAuth("credentialsId", settings.credentialsId(), knownHosts, false),
                credentials.apiToken("pullRequestCredentialsId", settings.pullRequestCredentialsId()),
                BuildProvenance.from(Map.of("GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567",
                        "BUILD_URL", "https://ci.example.com/job/web/7/", "BUILD_NUMBER", "7"), "delivery-7"));
        PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new GitOpsUpdateWork(request, "delivery-7", cache.toString(), () -> stream).run(workspace);
    }

    private static GitOpsUpdateSettings settings(BareRepo repo, String credentialsId) {
        return new GitOpsUpdateSettings(repo.url(), IMAGE, null, "apps/shop", null, null, null, credentialsId, null,
                false, false, null, null, null, false);
    }

    @Test
    void overSmartHttpWithBasicAuthTheImageIsCommittedWithProvenanceAndRecorded() throws IOException {
        BareRepo repo = seeded(HTTP);

        DeliveryOutcome outcome = run(settings(repo, "git-http"), null);

        Map<String, String> result = outcome.resultOrThrow();
        assertThat(result.get("commit")).isEqualTo(repo.head("main"));
        assertThat(result).containsEntry("changed", "apps/shop/web.yaml (1)").containsEntry("prUrl", "")
                .containsEntry("upToDate", "false").containsEntry("deliveryId", "delivery-7");
        assertThat(repo.readFile("main", "apps/shop/web.yaml"))
                .isEqualTo(DEPLOYMENT.replace("web:1.3", "web:1.4@" + DIGEST));
        assertThat(repo.message("main")).contains("https://ci.example.com/job/web/7/").contains("0123456789abcdef");
        DeliveryRecord record = outcome.record();
        assertThat(record.id()).isEqualTo("delivery-7");
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(record.commit().id()).isEqualTo(repo.head("main"));
        assertThat(record.changes()).hasSize(1);
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::status)
                .containsOnly(DeliveryRecord.PhaseStatus.SUCCEEDED);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("[slipway commit]").doesNotContain(HTTP.password());
        assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(HTTP.password());

        DeliveryOutcome again = run(settings(repo, "git-http"), null);
        assertThat(again.resultOrThrow()).containsEntry("upToDate", "true").containsEntry("commit", repo.head("main"));
    }

    @Test
    void overSshWithAPrivateKeyCredentialAndKnownHosts() throws IOException {
        BareRepo repo = seeded(SSH);

        DeliveryOutcome outcome = run(settings(repo, "git-ssh"), Files.readString(SSH.knownHosts()));

        assertThat(outcome.resultOrThrow().get("commit")).isEqualTo(repo.head("main"));
        assertThat(repo.readFile("main", "apps/shop/web.yaml")).contains("web:1.4@" + DIGEST);
        String printed = log.toString(StandardCharsets.UTF_8);
        // not one line of the generated key's body reaches the build log
        Files.readString(SSH.privateKey()).lines().filter(line -> !line.isBlank() && !line.startsWith("-----"))
                .forEach(line -> assertThat(printed).doesNotContain(line));
    }

    @Test
    void aRefusedPasswordFailsTheStepAndIsRecordedWithoutTheSecret() throws IOException {
        BareRepo repo = seeded(HTTP);

        DeliveryOutcome outcome = run(settings(repo, "git-wrong"), null);

        assertThat(outcome.succeeded()).isFalse();
        assertThatThrownBy(outcome::resultOrThrow).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("was refused").hasMessageNotContaining(CANARY);
        DeliveryRecord record = outcome.record();
        assertThat(record.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.failure().phase()).isEqualTo("commit");
        assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(CANARY);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY);
        assertThat(repo.log("main")).hasSize(1);
    }

    @Test
    void pullRequestModeOpensAPullRequestWithTheTokenCredential() throws IOException {
        BareRepo repo = seeded(HTTP);
        GitOpsUpdateSettings settings = new GitOpsUpdateSettings(repo.url(), IMAGE, null, "apps/shop", null, null, null,
                "git-http", null, false, true, "github", GITHUB.url(), "pr-token", false);

        DeliveryOutcome outcome = run(settings, null);

        Map<String, String> result = outcome.resultOrThrow();
        assertThat(result.get("prNumber")).isNotEmpty();
        assertThat(result.get("prUrl")).isNotEmpty();
        assertThat(GITHUB.pullRequests()).hasSize(1);
        assertThat(repo.readFile("main", "apps/shop/web.yaml")).as("main is untouched until the merge").isEqualTo(DEPLOYMENT);
        DeliveryRecord record = outcome.record();
        assertThat(record.pullRequest().number()).isEqualTo(Integer.parseInt(result.get("prNumber")));
        assertThat(record.phases()).extracting(DeliveryRecord.PhaseRecord::name).contains("pull-request");
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY);
        assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(CANARY);
    }
}
