package dev.slipway.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What was delivered where: source commit → build → digest → Git commit or applied objects → sync → running.
 * Stored as versioned JSON (docs/delivery-record.schema.json) on the Jenkins run, next to the CLI's report,
 * and shown by the pages. It never holds a secret: {@link DeliveryRecords#toJson} masks them besides.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param id            unique delivery id
 * @param environment   environment name, or {@code null}
 * @param mode          push or GitOps
 * @param outcome       how it ended (or {@code RUNNING})
 * @param startedAt     when it started
 * @param finishedAt    when it ended, or {@code null} while running
 * @param source        where the code came from
 * @param build         the CI build that delivered it
 * @param image         the image, by digest
 * @param target        where it went
 * @param changes       values changed (file or object → field → old → new)
 * @param commit        the GitOps commit, or {@code null}
 * @param pullRequest   the pull request, or {@code null}
 * @param phases        each phase with its status and timing, in order
 * @param links         links to the registry, the commit, the pull request, Argo CD
 * @param failure       why it failed, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryRecord(int schemaVersion, String id, String environment, Mode mode, Outcome outcome,
        Instant startedAt, Instant finishedAt, Source source, Build build, Image image, Target target,
        List<Change> changes, Commit commit, PullRequest pullRequest, List<PhaseRecord> phases, List<Link> links,
        Failure failure) {

    public static final int SCHEMA_VERSION = 1;

    public DeliveryRecord {
        changes = changes == null ? List.of() : List.copyOf(changes);
        phases = phases == null ? List.of() : List.copyOf(phases);
        links = links == null ? List.of() : List.copyOf(links);
    }

    public enum Mode { PUSH, GITOPS }

    public enum Outcome { RUNNING, SUCCEEDED, FAILED, ROLLED_BACK }

    /** @param repository source repository URL; @param commit full commit id; @param branch its branch */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String repository, String commit, String branch) { }

    /** @param url CI build URL; @param number build number; @param driver builder that built the image */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Build(String url, Long number, String driver) { }

    /** The image: {@code registry/repository@digest}, its tags and size. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String registry, String repository, String digest, List<String> tags, Long sizeBytes) {
        public Image {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** Push mode fills cluster and namespace; GitOps mode fills repository, branch and path. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String cluster, String namespace, String repository, String branch, String path) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Commit(String id, String url) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PullRequest(int number, String url) { }

    /** One phase (build, push, deploy, update, commit, wait, rollback...) with its status and timing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhaseRecord(String name, PhaseStatus status, Instant startedAt, Instant finishedAt, String message) { }

    public enum PhaseStatus { PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED }

    /** @param rel what it points at: {@code registry}, {@code commit}, {@code pull-request}, {@code argocd}, {@code build} */
    public record Link(String rel, String title, String url) { }

    /** @param phase the phase that failed; @param reason why, for people */
    public record Failure(String phase, String reason) { }
}
