package dev.slipway.gitops;

import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.Provenance;
import java.time.Duration;
import java.util.List;

/**
 * Where and how a GitOps update is committed and pushed.
 *
 * @param repositoryUrl   the GitOps repository
 * @param branch          the branch to push to
 * @param auth            Git credentials
 * @param messageTemplate commit message; placeholders {@code {summary}}, {@code {changes}}, {@code {image}},
 *                        {@code {sourceCommitShort}}, {@code {buildNumber}}; {@code null} for the default
 * @param authorName      commit author and committer name
 * @param authorEmail     commit author and committer e-mail
 * @param image           the image being delivered ({@code repo:tag@digest}), for the trailers
 * @param provenance      the build being delivered, for the trailers and the downgrade guard
 * @param allowDowngrade  let an older build of the same source overwrite a newer one
 * @param sourceRepository local clone of the application's source (the CI workspace), to compare builds by
 *                        commit ancestry; {@code null} to compare build numbers
 * @param pullRequestBranch push to this branch (replacing it: it belongs to Slipway) instead of {@code branch},
 *                        for a pull request into {@code branch}; {@code null} to push to {@code branch}
 * @param maxAttempts     push attempts before giving up on a busy branch
 * @param backoff         base delay between attempts (grows, with jitter)
 * @param paths           the folders or files the update reads, relative to the repository root: only these are
 *                        written into the work tree (empty: the whole tree)
 */
public record CommitSpec(String repositoryUrl, String branch, GitAuth auth, String messageTemplate, String authorName,
        String authorEmail, String image, Provenance provenance, boolean allowDowngrade, String sourceRepository,
        String pullRequestBranch, int maxAttempts, Duration backoff, List<String> paths) {

    public static final String DEFAULT_MESSAGE = "{summary}\n\n{changes}";
    public static final String DEFAULT_AUTHOR_NAME = "Slipway";
    public static final String DEFAULT_AUTHOR_EMAIL = "slipway@noreply.invalid";

    public CommitSpec {
        branch = branch == null || branch.isBlank() ? "main" : branch;
        messageTemplate = messageTemplate == null || messageTemplate.isBlank() ? DEFAULT_MESSAGE : messageTemplate;
        authorName = authorName == null || authorName.isBlank() ? DEFAULT_AUTHOR_NAME : authorName;
        authorEmail = authorEmail == null || authorEmail.isBlank() ? DEFAULT_AUTHOR_EMAIL : authorEmail;
        maxAttempts = maxAttempts <= 0 ? 25 : maxAttempts;
        backoff = backoff == null ? Duration.ofMillis(100) : backoff;
        pullRequestBranch = pullRequestBranch == null || pullRequestBranch.isBlank() ? null : pullRequestBranch;
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** A spec whose update reads the whole tree. */
    public CommitSpec(String repositoryUrl, String branch, GitAuth auth, String messageTemplate, String authorName,
            String authorEmail, String image, Provenance provenance, boolean allowDowngrade, String sourceRepository,
            String pullRequestBranch, int maxAttempts, Duration backoff) {
        this(repositoryUrl, branch, auth, messageTemplate, authorName, authorEmail, image, provenance, allowDowngrade,
                sourceRepository, pullRequestBranch, maxAttempts, backoff, List.of());
    }

    /** The branch the commit is pushed to. */
    public String pushBranch() {
        return pullRequestBranch == null ? branch : pullRequestBranch;
    }

    /**
     * The pull-request branch for a target: one per target branch and folder, so a new update to the same
     * target replaces the branch and updates the same open pull request.
     */
    public static String pullRequestBranchFor(String branch, String path) {
        String folder = path == null || path.isBlank() || path.equals(".") ? "root" : path;
        String name = ("slipway/" + branch + "/" + folder).replaceAll("[^A-Za-z0-9._/-]+", "-")
                .replaceAll("/+", "/").replaceAll("\\.\\.+", ".").replaceAll("(^[./-]+)|([./-]+$)", "");
        return name.endsWith(".lock") ? name.substring(0, name.length() - 5) : name;
    }
}
