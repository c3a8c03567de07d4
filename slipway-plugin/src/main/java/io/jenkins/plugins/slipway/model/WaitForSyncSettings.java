package io.jenkins.plugins.slipway.model;

import java.io.Serializable;

/**
 * What a {@code waitForSync} step was given, normalised (blanks are {@code null}). Credential <em>ids</em> only.
 *
 * @param commit              the GitOps commit to wait for (required; {@code gitopsUpdate}'s {@code commit})
 * @param argoCdApplication   the Argo CD Application to watch through the Argo CD API
 * @param argoCdServer        the Argo CD server URL
 * @param argoCdCredentialsId secret text credential holding a read-only Argo CD API token
 * @param fluxObject          the Flux object ({@code [Kustomization|HelmRelease/][namespace/]name}) whose commit
 *                            statuses on the Git host are watched
 * @param repository          the GitOps repository (decides descendants; names the Git host for statuses and PRs)
 * @param branch              the branch the controller follows; {@code null} for {@code main}
 * @param gitHost             {@code github} or {@code azure-devops} when the URL does not tell
 * @param gitApiUrl           the Git host's REST API base (Enterprise, Server)
 * @param gitCredentialsId    Git credential: reads the repository, and its token reads statuses and pull requests
 * @param pullRequest         the pull request carrying the commit ({@code gitopsUpdate}'s {@code prNumber}): its
 *                            merge is waited for first
 * @param timeout             deadline for everything, e.g. {@code 10m}; {@code null} for 10 minutes
 * @param pollInterval        how often to ask, e.g. {@code 5s}; {@code null} for 5 seconds
 * @param refresh             ask Argo CD / Flux to look at Git now
 */
public record WaitForSyncSettings(String commit, String argoCdApplication, String argoCdServer,
        String argoCdCredentialsId, String fluxObject, String repository, String branch, String gitHost,
        String gitApiUrl, String gitCredentialsId, String pullRequest, String timeout, String pollInterval,
        boolean refresh) implements Serializable {

    public WaitForSyncSettings {
        commit = StepValues.text(commit);
        argoCdApplication = StepValues.text(argoCdApplication);
        argoCdServer = StepValues.text(argoCdServer);
        argoCdCredentialsId = StepValues.text(argoCdCredentialsId);
        fluxObject = StepValues.text(fluxObject);
        repository = StepValues.text(repository);
        branch = StepValues.text(branch);
        gitHost = StepValues.text(gitHost);
        gitApiUrl = StepValues.text(gitApiUrl);
        gitCredentialsId = StepValues.text(gitCredentialsId);
        pullRequest = StepValues.text(pullRequest);
        timeout = StepValues.text(timeout);
        pollInterval = StepValues.text(pollInterval);
    }

    /** Waiting for {@code commit} through the Argo CD API. */
    public static WaitForSyncSettings argoCd(String commit, String application, String server, String credentialsId) {
        return new WaitForSyncSettings(commit, application, server, credentialsId, null, null, null, null, null, null,
                null, null, null, false);
    }
}
