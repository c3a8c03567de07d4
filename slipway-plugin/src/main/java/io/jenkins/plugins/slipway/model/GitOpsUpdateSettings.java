package io.jenkins.plugins.slipway.model;

import java.io.Serializable;

/**
 * What a {@code gitopsUpdate} step was given, normalised (blanks are {@code null}). Credential <em>ids</em> only.
 *
 * @param repository               GitOps repository URL (https://, ssh://, git://, file://; required)
 * @param image                    the new image, {@code repository@sha256:…} as {@code acrBuild} returns it, a tag
 *                                 allowed before the digest (required)
 * @param branch                   branch to update or to open the pull request against; {@code null} for {@code main}
 * @param path                     folder (or file) in the repository to update; {@code null} for all of it
 * @param pin                      {@code default}, {@code tag}, {@code digest} or {@code both}; {@code null} for default
 * @param message                  commit message template, or {@code null} for the default
 * @param author                   {@code Name <email>}, or {@code null} for Slipway's
 * @param credentialsId            Git credential: username with password or token, secret text token, SSH key
 * @param knownHosts               known_hosts lines for {@code ssh://} (the server's host key)
 * @param acceptNewHostKey         trust a host key not in known_hosts (first contact only)
 * @param pullRequest              push to a branch of its own and open or update a pull request
 * @param pullRequestHost          {@code github} or {@code azure-devops}; {@code null} to tell from the URL
 * @param pullRequestApiUrl        REST API base for GitHub Enterprise or Azure DevOps Server; {@code null} for the cloud
 * @param pullRequestCredentialsId API token (secret text) for the pull request; {@code null} for the Git password
 * @param allowDowngrade           let this build overwrite a newer build of the same source
 */
public record GitOpsUpdateSettings(String repository, String image, String branch, String path, String pin,
        String message, String author, String credentialsId, String knownHosts, boolean acceptNewHostKey,
        boolean pullRequest, String pullRequestHost, String pullRequestApiUrl, String pullRequestCredentialsId,
        boolean allowDowngrade) implements Serializable {

    public GitOpsUpdateSettings {
        repository = StepValues.text(repository);
        image = StepValues.text(image);
        branch = StepValues.text(branch);
        path = StepValues.text(path);
        pin = StepValues.text(pin);
        message = StepValues.text(message);
        author = StepValues.text(author);
        credentialsId = StepValues.text(credentialsId);
        knownHosts = StepValues.text(knownHosts);
        pullRequestHost = StepValues.text(pullRequestHost);
        pullRequestApiUrl = StepValues.text(pullRequestApiUrl);
        pullRequestCredentialsId = StepValues.text(pullRequestCredentialsId);
    }

    /** Settings with only the required values. */
    public static GitOpsUpdateSettings of(String repository, String image) {
        return new GitOpsUpdateSettings(repository, image, null, null, null, null, null, null, null, false, false, null,
                null, null, false);
    }
}
