package dev.slipway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.delivery.DeliveryRecord.Outcome;
import dev.slipway.delivery.DeliveryRecord.PhaseRecord;
import dev.slipway.delivery.DeliveryRecord.PhaseStatus;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.ImageRef;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.sync.WaitRequest;
import dev.slipway.testsupport.fakes.ArgoCdFake;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.registry.RegistryServer;
import dev.slipway.testsupport.registry.SmallOciLayout;
import dev.slipway.testsupport.secrets.Canary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Engine.deliver} in GitOps mode end to end: a real docker-registry, a real smart-HTTP Git server with basic
 * auth, and the Argo CD API fake (no Argo CD can run here) whose application a test "controller" syncs to the commit
 * as soon as the commit is pushed.
 */
@Tag("real-server")
class DeliverGitOpsTest {
    private static final String CANARY_WRONG_PASS = Canary.of("wrong-pass");
    private static final String ARGO_TOKEN = Canary.of("argo-token");
    private static final String OLD_DIGEST = "sha256:" + "0".repeat(64);

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.noAuth();
    @RegisterExtension
    static final GitHttpServer GIT = GitServer.smartHttp();
    @RegisterExtension
    static final ArgoCdFake ARGO = new ArgoCdFake(ARGO_TOKEN);

    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    Path temp;

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final SecretMasker masker = new SecretMasker();
    private Engine engine;
    private String repository;
    private BareRepo repo;

    @BeforeEach
    void setUp() {
        repository = REGISTRY.hostPort() + "/shop/web-" + REPOS.incrementAndGet();
        repo = GIT.createRepo("gitops-" + REPOS.get());
        repo.seed("main", Map.of("overlays/dev/kustomization.yaml", kustomization(repository)), "seed");
        engine = new Engine(new EngineContext(temp.resolve("workspace"), new Events(Clock.systemUTC(), masker).subscribe(events::add),
                temp.resolve("cache")));
    }

    static String kustomization(String image) {
        return """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../base
                images:
                  # the web front end
                  - name: %s
                    newTag: "0.9"
                """.formatted(image);
    }

    private DeliveryRequest request(String layout, WaitRequest await) {
        PushRequest push = new PushRequest(layout, ImageRef.parse(repository), List.of("1.0"), new RegistryAuth.Anonymous(),
                RegistryTransport.defaults().withPlainHttp(REGISTRY.hostPort()));
        // the update names our image with an old digest: the delivery must write the pushed one instead
        GitOpsUpdateRequest update = new GitOpsUpdateRequest(repo.url(), "main", "overlays/dev",
                List.of(ImageRef.parse(repository + ":0.9@" + OLD_DIGEST)), null, Map.of(), Map.of(),
                new GitAuth.UsernamePassword(GIT.username(), Secret.of(GIT.password())), null, null, null, false, null);
        return new DeliveryRequest("dev", null, push, null, update, await,
                new Provenance("https://git.example/shop.git", "c".repeat(40), "main", "https://ci.example/job/shop/12/", 12L, null));
    }

    private WaitRequest argoWait(String application) {
        return new WaitRequest(WaitRequest.Source.ARGOCD_API, application, null, ARGO.url(), Secret.of(ARGO_TOKEN), null, false,
                Duration.ofSeconds(20), Duration.ofMillis(20), null, null, null);
    }

    /** The test's Argo CD: once the commit is pushed, the application is at it with the given health. */
    private void argoSyncsTo(String application, String health) {
        engine.context().events().subscribe(event -> {
            if (event.phase() == Event.Phase.COMMIT && event.kind() == Event.Kind.FINISHED) {
                ARGO.application(application, "Synced", health, repo.head("main"), "Succeeded");
            }
        });
    }

    @Test
    void pushesThenCommitsThePushedDigestThenWaitsUntilLiveAndRecordsEveryPhase() throws Exception {
        String digest = SmallOciLayout.write(temp.resolve("workspace/oci"), "web 1.0");
        ARGO.application("web-dev", "OutOfSync", "Healthy", "f".repeat(40), null);
        argoSyncsTo("web-dev", "Healthy");

        DeliveryRecord record = engine.deliver(request("oci", argoWait("web-dev")));

        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.mode()).isEqualTo(DeliveryRecord.Mode.GITOPS);
        assertThat(record.environment()).isEqualTo("dev");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("push", PhaseStatus.SUCCEEDED), tuple("update", PhaseStatus.SUCCEEDED),
                tuple("commit", PhaseStatus.SUCCEEDED), tuple("wait", PhaseStatus.SUCCEEDED));
        assertThat(record.phases().get(3).message()).startsWith("live: ");
        assertThat(record.image()).isEqualTo(new DeliveryRecord.Image(REGISTRY.hostPort(), repository.substring(repository.indexOf('/') + 1),
                digest, List.of("1.0"), record.image().sizeBytes()));
        assertThat(record.target()).isEqualTo(new DeliveryRecord.Target(null, null, repo.url(), "main", "overlays/dev"));
        assertThat(record.commit().id()).isEqualTo(repo.head("main"));
        assertThat(record.source()).isEqualTo(new DeliveryRecord.Source("https://git.example/shop.git", "c".repeat(40), "main"));
        assertThat(record.changes()).extracting(Change::field, Change::oldValue, Change::newValue)
                .containsExactly(tuple("images[0].newTag", "0.9", "1.0"), tuple("images[0].digest", null, digest));
        assertThat(record.links()).extracting(DeliveryRecord.Link::rel).contains("registry", "argocd", "build");
        assertThat(RecordSchema.violations(record)).isEmpty();

        // the registry has the digest the commit names: nothing points at an unpushed image
        assertThat(repo.readFile("main", "overlays/dev/kustomization.yaml")).contains("digest: " + digest).doesNotContain(OLD_DIGEST);
        assertThat(manifestStatus(repository, digest)).isEqualTo(200);
        // the caller's subscribers saw the delivery framed by DELIVER events
        synchronized (events) {
            assertThat(events.get(0)).extracting(Event::phase, Event::kind).containsExactly(Event.Phase.DELIVER, Event.Kind.STARTED);
            assertThat(events.get(events.size() - 1)).extracting(Event::phase, Event::kind)
                    .containsExactly(Event.Phase.DELIVER, Event.Kind.FINISHED);
        }
        assertNoSecretIn(record);
    }

    @Test
    void aDegradedApplicationFailsTheWaitAndTheDeliveryWithTheCommitInPlace() {
        SmallOciLayout.write(temp.resolve("workspace/oci"), "web 1.1");
        ARGO.application("web-degraded", "OutOfSync", "Healthy", "f".repeat(40), null);
        argoSyncsTo("web-degraded", "Degraded");

        DeliveryRecord record = failedRecord(request("oci", argoWait("web-degraded")));

        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.failure().phase()).isEqualTo("wait");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("push", PhaseStatus.SUCCEEDED), tuple("update", PhaseStatus.SUCCEEDED),
                tuple("commit", PhaseStatus.SUCCEEDED), tuple("wait", PhaseStatus.FAILED));
        assertThat(record.commit().id()).isEqualTo(repo.head("main"));
        assertThat(RecordSchema.violations(record)).isEmpty();
        assertNoSecretIn(record);
    }

    @Test
    void aFailedPushStopsTheDeliveryBeforeTheGitOpsRepositoryIsTouched() {
        String before = repo.head("main");

        DeliveryRecord record = failedRecord(request("no-such-layout", argoWait("web-never")));

        assertThat(record.failure().phase()).isEqualTo("push");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("push", PhaseStatus.FAILED), tuple("update", PhaseStatus.SKIPPED),
                tuple("commit", PhaseStatus.SKIPPED), tuple("wait", PhaseStatus.SKIPPED));
        assertThat(repo.head("main")).isEqualTo(before);
        assertThat(RecordSchema.violations(record)).isEmpty();
    }

    @Test
    void aFailedBuildStopsTheDeliveryBeforeThePush() {
        DeliveryRequest base = request(null, null);
        BuildRequest build = BuildRequest.builder(ImageRef.parse(repository)).dockerfile("missing/Dockerfile").build();
        DeliveryRequest request = new DeliveryRequest("dev", build, base.push(), null, base.update(), null, base.provenance());

        DeliveryRecord record = failedRecord(request);

        assertThat(record.failure().phase()).isEqualTo("build");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("build", PhaseStatus.FAILED), tuple("push", PhaseStatus.SKIPPED), tuple("update", PhaseStatus.SKIPPED),
                tuple("commit", PhaseStatus.SKIPPED));
        assertThat(RecordSchema.violations(record)).isEmpty();
    }

    @Test
    void aGitOpsRepositoryThatRefusesTheCredentialFailsTheCommitAfterThePush() {
        SmallOciLayout.write(temp.resolve("workspace/oci"), "web 1.2");
        DeliveryRequest base = request("oci", null);
        GitOpsUpdateRequest u = base.update();
        GitOpsUpdateRequest wrongPassword = new GitOpsUpdateRequest(u.repositoryUrl(), u.branch(), u.path(), u.images(), u.pin(),
                u.helmKeys(), u.fluxPolicies(), new GitAuth.UsernamePassword(GIT.username(), Secret.of(CANARY_WRONG_PASS)),
                null, null, null, false, null);

        DeliveryFailedException failed = catchDeliveryFailure(
                new DeliveryRequest("dev", null, base.push(), null, wrongPassword, null, base.provenance()));
        DeliveryRecord record = failed.record();

        assertThat(failed.getCause()).isInstanceOf(dev.slipway.support.AuthenticationException.class);
        assertThat(record.failure().phase()).isEqualTo("commit");
        assertThat(record.phases()).extracting(PhaseRecord::name, PhaseRecord::status).containsExactly(
                tuple("push", PhaseStatus.SUCCEEDED), tuple("update", PhaseStatus.SKIPPED), tuple("commit", PhaseStatus.FAILED));
        assertThat(DeliveryRecords.toJson(record, new SecretMasker())).doesNotContain(CANARY_WRONG_PASS);
        assertThat(failed.getMessage()).startsWith("delivery ").contains(" to dev failed in commit: ");
    }

    @Test
    void aRequestThatCannotRunIsRefusedBeforeAnyPhase() {
        DeliveryRequest base = request("oci", null);
        assertThatThrownBy(() -> engine.deliver(new DeliveryRequest("dev", null, base.push(), null, null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("mode: neither a deploy");
        BuildRequest elsewhere = BuildRequest.builder(ImageRef.parse("other.example/shop/web")).build();
        assertThatThrownBy(() -> engine.deliver(new DeliveryRequest("dev", elsewhere, base.push(), null, base.update(), null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("build.image:");
        assertThat(events).isEmpty();
    }

    private DeliveryRecord failedRecord(DeliveryRequest request) {
        return catchDeliveryFailure(request).record();
    }

    private DeliveryFailedException catchDeliveryFailure(DeliveryRequest request) {
        DeliveryFailedException[] caught = new DeliveryFailedException[1];
        assertThatThrownBy(() -> engine.deliver(request)).isInstanceOfSatisfying(DeliveryFailedException.class, e -> caught[0] = e);
        DeliveryRecord record = caught[0].record();
        assertThat(record.finishedAt()).isNotNull();
        assertThat(record.outcome()).isIn(Outcome.FAILED, Outcome.ROLLED_BACK);
        synchronized (events) {
            assertThat(events.get(events.size() - 1)).extracting(Event::phase, Event::kind)
                    .containsExactly(Event.Phase.DELIVER, Event.Kind.FAILED);
        }
        return caught[0];
    }

    private void assertNoSecretIn(DeliveryRecord record) {
        String json = DeliveryRecords.toJson(record, new SecretMasker());
        assertThat(json).doesNotContain(GIT.password()).doesNotContain(ARGO_TOKEN);
        synchronized (events) {
            assertThat(events).extracting(Event::message).noneMatch(m -> m.contains(GIT.password()) || m.contains(ARGO_TOKEN));
        }
    }

    private static int manifestStatus(String repository, String digest) throws Exception {
        String path = repository.substring(repository.indexOf('/') + 1);
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://" + REGISTRY.hostPort() + "/v2/" + path + "/manifests/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").build();
        return HttpClient.newHttpClient().send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
