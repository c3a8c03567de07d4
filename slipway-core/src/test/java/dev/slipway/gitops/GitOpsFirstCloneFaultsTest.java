package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.proxy.FaultProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first clone (cold cache) cut off mid-pack by a real smart-HTTP server behind the fault proxy: it is retried
 * like a dropped fetch or push, and a first clone that keeps failing leaves no Git state in the cache that could
 * break the next run.
 */
@Tag("real-server")
class GitOpsFirstCloneFaultsTest {
    /** Past the small answers (ls-refs, acknowledgements), inside the pack of the seeded files. */
    private static final long CUT_AFTER_RESPONSE_BYTES = 8 * 1024;

    @RegisterExtension
    static final GitHttpServer HTTP = GitServer.smartHttp();

    @RegisterExtension
    static final FaultProxy PROXY = FaultProxy.inFrontOf(() -> "127.0.0.1:" + HTTP.port());

    @TempDir
    Path temp;

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void clearFaults() {
        PROXY.reset();
    }

    @Test
    void aFirstCloneCutOffMidPackIsRetriedAndTheUpdateLandsOnce() {
        BareRepo repo = seeded("first-clone-retried");
        String proxied = proxied(repo);
        // the cut stays until the committer reports the failure, whatever requests the client makes before it
        PROXY.on("POST", ".*/git-upload-pack").always().resetAfterResponseBytes(CUT_AFTER_RESPONSE_BYTES);
        GitOpsCommitter committer = committer("cache", event -> {
            if (event.kind() == Event.Kind.WARNING) {
                PROXY.reset();
            }
        });

        GitOpsCommitter.Outcome outcome = committer.commitAndPush(spec(proxied, 2),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));

        assertThat(warnings()).as("the cut clone is reported as a failed connection, then retried").hasSize(1);
        assertThat(outcome.upToDate()).isFalse();
        assertThat(repo.readFile("main", "apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:2.0\n");
        assertThat(repo.log("main")).as("seed + exactly one update").hasSize(2);
        assertThat(repo.head("main")).isEqualTo(outcome.commit());
    }

    @Test
    void aFirstCloneThatKeepsFailingGivesUpLikeAFetchAndLeavesNothingThatBreaksTheNextRun() throws IOException {
        BareRepo repo = seeded("first-clone-fails");
        String proxied = proxied(repo);
        var cut = PROXY.on("POST", ".*/git-upload-pack").always().resetAfterResponseBytes(CUT_AFTER_RESPONSE_BYTES);
        Path cacheRoot = temp.resolve("cache");
        GitOpsCommitter committer = new GitOpsCommitter(cacheRoot, events(event -> { }));

        assertThatThrownBy(() -> committer.commitAndPush(spec(proxied, 2),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0")))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("Git update of " + proxied);

        assertThat(warnings()).as("retried as often as a dropped fetch or push").hasSize(GitOpsCommitter.MAX_TRANSIENT_FAILURES);
        assertThat(cut.firedCount()).isGreaterThanOrEqualTo(GitOpsCommitter.MAX_TRANSIENT_FAILURES + 1);
        assertThat(gitFoldersBelow(cacheRoot)).as("no half-cloned repository is left in the cache").isEmpty();
        assertThat(repo.log("main")).as("nothing was pushed").hasSize(1);

        PROXY.reset();
        events.clear();
        GitOpsCommitter.Outcome next = committer.commitAndPush(spec(proxied, 2),
                GitOpsCommitterTest.setImage("apps/app0.yaml", "acr.azurecr.io/app0:2.0"));

        assertThat(warnings()).as("the next run finds nothing unusable in the cache").isEmpty();
        assertThat(next.upToDate()).isFalse();
        assertThat(repo.readFile("main", "apps/app0.yaml")).isEqualTo("image: acr.azurecr.io/app0:2.0\n");
        assertThat(repo.log("main")).hasSize(2);
    }

    // --- fixtures -------------------------------------------------------------------------------------

    /** One image file and enough incompressible files that the pack is far longer than the cut. */
    private static BareRepo seeded(String name) {
        BareRepo repo = HTTP.createRepo(name);
        Map<String, String> content = new LinkedHashMap<>();
        content.put("apps/app0.yaml", "image: acr.azurecr.io/app0:1.0\n");
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 24; i++) {
            byte[] noise = new byte[2048];
            random.nextBytes(noise);
            content.put("data/blob" + i + ".txt", HexFormat.of().formatHex(noise) + "\n");
        }
        repo.seed("main", content, "seed");
        return repo;
    }

    private static String proxied(BareRepo repo) {
        return repo.url().replace("127.0.0.1:" + HTTP.port(), PROXY.hostPort());
    }

    private GitOpsCommitter committer(String cache, Consumer<Event> also) {
        return new GitOpsCommitter(temp.resolve(cache), events(also));
    }

    private Events events(Consumer<Event> also) {
        return new Events(Clock.systemUTC(), new SecretMasker()).subscribe(event -> {
            events.add(event);
            also.accept(event);
        });
    }

    private List<Event> warnings() {
        synchronized (events) {
            return events.stream().filter(e -> e.kind() == Event.Kind.WARNING).toList();
        }
    }

    /** Folders that are Git repositories (a HEAD file beside an objects folder), anywhere below {@code root}. */
    private static List<Path> gitFoldersBelow(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p.resolve("HEAD")) && Files.isDirectory(p.resolve("objects"))).toList();
        }
    }

    private static CommitSpec spec(String url, long build) {
        Provenance provenance = new Provenance("https://git.example/shop.git", null, "main",
                "https://jenkins.example/job/shop/" + build + "/", build, "d-" + build);
        GitAuth auth = new GitAuth.UsernamePassword(HTTP.username(), Secret.of(HTTP.password()));
        return new CommitSpec(url, "main", auth, null, null, null, null, provenance, false, null, null, 8, Duration.ofMillis(25));
    }
}
