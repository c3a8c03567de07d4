package dev.slipway.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.delivery.Change;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.testsupport.fakes.GitHubFake;
import dev.slipway.testsupport.git.BareRepo;
import dev.slipway.testsupport.git.GitHttpServer;
import dev.slipway.testsupport.git.GitServer;
import dev.slipway.testsupport.secrets.Canary;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The GitOps update entry point end to end: real smart-HTTP Git server, GitHub pull requests through the documented fake. */
@Tag("real-server")
class GitOpsUpdatesTest {
    private static final String TOKEN = Canary.of("gh-token");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String KUSTOMIZATION = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - ../../base
            images:
              # the web front end
              - name: shop.azurecr.io/shop/web
                newTag: "1.4.1"
            """;

    @RegisterExtension
    static final GitHttpServer GIT = GitServer.smartHttp();

    @RegisterExtension
    static final GitHubFake GITHUB = new GitHubFake(TOKEN);

    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    Path temp;

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void updatesTheKustomizationAndPushesOneCommitThenIsUpToDate() {
        BareRepo repo = seeded();
        GitOpsUpdateResult result = engine().update(request(repo, null));

        assertThat(result.upToDate()).isFalse();
        assertThat(result.changes()).extracting(Change::field).containsExactly("images[0].newTag", "images[0].digest");
        assertThat(repo.readFile("main", "overlays/prod/kustomization.yaml")).isEqualTo(KUSTOMIZATION
                .replace("newTag: \"1.4.1\"", "newTag: \"1.4.2\"\n    digest: " + DIGEST));
        assertThat(repo.head("main")).isEqualTo(result.commit());
        assertThat(repo.message("main")).contains("Slipway-Build-Number: 42").contains("Slipway-Image: shop.azurecr.io/shop/web:1.4.2@" + DIGEST);

        GitOpsUpdateResult again = engine().update(request(repo, null));
        assertThat(again.upToDate()).isTrue();
        assertThat(again.commit()).isEqualTo(result.commit());
        assertThat(repo.log("main")).hasSize(2);
    }

    @Test
    void pullRequestModeLeavesTheBranchAloneAndOpensAPullRequest() {
        BareRepo repo = seeded();
        GitOpsUpdateRequest.PullRequestOptions github = new GitOpsUpdateRequest.PullRequestOptions("github", GITHUB.url(),
                Secret.of(TOKEN));

        GitOpsUpdateResult result = engine().update(request(repo, github));

        assertThat(result.pullRequestNumber()).isNotNull();
        assertThat(result.pullRequestUrl()).contains("/pull/" + result.pullRequestNumber());
        assertThat(repo.readFile("main", "overlays/prod/kustomization.yaml")).isEqualTo(KUSTOMIZATION);
        assertThat(repo.readFile("slipway/main/overlays/prod", "overlays/prod/kustomization.yaml")).contains("digest: " + DIGEST);
        assertThat(GITHUB.pullRequests()).anySatisfy(pr -> assertThat(String.valueOf(pr.get("title")))
                .startsWith("Deliver shop.azurecr.io/shop/web:1.4.2@sha256:"));
        synchronized (events) {
            assertThat(events).extracting(Event::message).noneMatch(m -> m.contains(TOKEN) || m.contains(GIT.password()));
        }
    }

    @Test
    void aMalformedAuthorIsNamed() {
        assertThatThrownBy(() -> GitOpsUpdates.author("just a name"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("author: ");
        assertThat(GitOpsUpdates.author("Release Bot <bot@example.com>")).containsExactly("Release Bot", "bot@example.com");
    }

    private Engine engine() {
        Events sink = new Events(Clock.systemUTC(), new SecretMasker()).subscribe(events::add);
        return new Engine(new EngineContext(temp.resolve("workspace"), sink, temp.resolve("cache")));
    }

    private BareRepo seeded() {
        BareRepo repo = GIT.createRepo("gitops-" + REPOS.incrementAndGet());
        repo.seed("main", Map.of("overlays/prod/kustomization.yaml", KUSTOMIZATION, "README.md", "shop.azurecr.io/shop/web:1.4.1\n"), "seed");
        return repo;
    }

    private static GitOpsUpdateRequest request(BareRepo repo, GitOpsUpdateRequest.PullRequestOptions pullRequest) {
        return new GitOpsUpdateRequest(repo.url(), "main", "overlays/prod",
                List.of(ImageRef.parse("shop.azurecr.io/shop/web:1.4.2@" + DIGEST)), null, Map.of(), Map.of(),
                new GitAuth.UsernamePassword(GIT.username(), Secret.of(GIT.password())), null, null, pullRequest, false,
                new Provenance("https://git.example/shop.git", null, "main", "https://jenkins.example/job/shop/42/", 42L, "d-42"));
    }
}
