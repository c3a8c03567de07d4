package dev.slipway.gitops;

import dev.slipway.delivery.EngineContext;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.support.Event.Phase;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.NetworkClients;
import dev.slipway.support.Secret;
import java.net.http.HttpClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitOps update entry point: the file update ({@link ManifestUpdater}) run inside the committer's clone
 * ({@link GitOpsCommitter}), so a moved branch gets the same logical update again; then, in pull-request
 * mode, the pull request opened or updated ({@link PullRequests}).
 */
public final class GitOpsUpdates {
    private static final Pattern AUTHOR = Pattern.compile("\\s*(.+?)\\s*<([^<>\\s]+)>\\s*");

    private final EngineContext context;
    private HttpClient http;

    public GitOpsUpdates(EngineContext context, HttpClient http) {
        this.context = context;
        this.http = http;
    }

    /** The HTTP client for pull-request APIs is made when first needed: it costs a TLS set-up a plain push never uses. */
    public GitOpsUpdates(EngineContext context) {
        this(context, null);
    }

    private HttpClient http() {
        if (http == null) {
            http = NetworkClients.http(context.network(), HttpClient.Redirect.NEVER);
        }
        return http;
    }

    public GitOpsUpdateResult update(GitOpsUpdateRequest request) {
        if (request.repositoryUrl() == null || request.repositoryUrl().isBlank()) {
            throw new InvalidInputException("repository", "no GitOps repository URL is given",
                    "give the https://, ssh:// or git:// URL of the repository holding the manifests");
        }
        UpdateSpec spec = UpdateSpec.fromRequest(request);
        String pullRequestBranch = request.pullRequest() == null ? null
                : CommitSpec.pullRequestBranchFor(request.branch(), request.path());
        String[] author = author(request.author());
        String image = request.images().isEmpty() ? null : request.images().get(0).reference();
        CommitSpec commit = new CommitSpec(request.repositoryUrl(), request.branch(), request.auth(), request.commitMessage(),
                author[0], author[1], image, request.provenance(), request.allowDowngrade(),
                context.workspace().toString(), pullRequestBranch, 0, null, spec.paths());

        GitOpsCommitter.Outcome outcome = new GitOpsCommitter(context.cache().resolve("git"), context.events(), context.network())
                .commitAndPush(commit, ManifestUpdater.forWorkTree(spec, context.events()));
        if (outcome.upToDate() || request.pullRequest() == null) {
            return new GitOpsUpdateResult(outcome.changes(), outcome.upToDate(), outcome.commit(), null, null);
        }

        GitOpsUpdateRequest.PullRequestOptions options = request.pullRequest();
        PullRequestHost host = PullRequestHost.of(request.repositoryUrl(), options.host(), options.apiUrl());
        String message = CommitMessages.render(commit, outcome.changes());
        int firstBreak = message.indexOf('\n');
        String title = firstBreak < 0 ? message : message.substring(0, firstBreak);
        String body = firstBreak < 0 ? "" : message.substring(firstBreak).strip();
        PullRequests.PullRequest pullRequest = new PullRequests(http(), context.events().masker())
                .openOrUpdate(host, token(options, request.auth()), pullRequestBranch, request.branch(), title, body);
        context.events().finished(Phase.PULL_REQUEST, pullRequest.url(),
                (pullRequest.created() ? "opened" : "updated") + " pull request #" + pullRequest.number() + " from "
                        + pullRequestBranch + " into " + request.branch());
        return new GitOpsUpdateResult(outcome.changes(), false, outcome.commit(), pullRequest.url(), pullRequest.number());
    }

    private static Secret token(GitOpsUpdateRequest.PullRequestOptions options, GitAuth auth) {
        if (options.token() != null) {
            return options.token();
        }
        if (auth instanceof GitAuth.UsernamePassword basic) {
            return basic.password();
        }
        throw new InvalidInputException("pullRequestToken", "pull requests need an API token, and the Git credential is not a token",
                "give a GitHub or Azure DevOps token for the pull-request API (with an SSH key for Git, a separate token is needed)");
    }

    /** {@code Name <email>} → {name, email}; {@code null} for the defaults. */
    static String[] author(String text) {
        if (text == null || text.isBlank()) {
            return new String[] {null, null};
        }
        Matcher m = AUTHOR.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException("author", "'" + text + "' is not 'Name <email>'",
                    "write the commit author as Name <email>, e.g. Release Bot <release@example.com>");
        }
        return new String[] {m.group(1), m.group(2)};
    }
}
