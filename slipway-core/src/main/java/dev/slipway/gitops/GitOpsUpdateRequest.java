package dev.slipway.gitops;

import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import java.util.List;
import java.util.Map;

/**
 * GitOps mode: change image references in a Git repository and commit (issues #7, #8).
 *
 * @param repositoryUrl  https://, ssh://, git:// or file:// URL of the GitOps repository
 * @param branch         branch to update (or to open the pull request against)
 * @param path           folder inside the repository to update
 * @param images         the new images, with tag and digest
 * @param pin            what to write where a target has a place for both tag and digest
 * @param helmKeys       Helm values key paths to update, e.g. {@code image.repository}, {@code image.tag}
 * @param fluxPolicies   Flux setter policy name ({@code ns:policy}) → image as Flux writes it ({@code name:tag[@digest]}),
 *                       for {@code $imagepolicy} markers
 * @param auth           Git credentials
 * @param commitMessage  commit message template, fed by the update result
 * @param author         commit author {@code Name <email>}, or {@code null} for the default
 * @param pullRequest    open or update a pull request instead of pushing to {@code branch}; {@code null} to push
 * @param allowDowngrade let an older build overwrite a newer one
 * @param provenance     written as commit trailers
 */
public record GitOpsUpdateRequest(String repositoryUrl, String branch, String path, List<ImageRef> images, Pin pin,
        Map<String, String> helmKeys, Map<String, String> fluxPolicies, GitAuth auth, String commitMessage,
        String author, PullRequestOptions pullRequest, boolean allowDowngrade, Provenance provenance) implements EngineMessage {

    public GitOpsUpdateRequest {
        images = List.copyOf(images);
        helmKeys = Map.copyOf(helmKeys);
        fluxPolicies = Map.copyOf(fluxPolicies);
        pin = pin == null ? Pin.DEFAULT : pin;
    }

    /** {@code DEFAULT} writes the digest wherever the target has a place for one (DESIGN.md, "Pinning"). */
    public enum Pin { DEFAULT, TAG, DIGEST, BOTH }

    /**
     * Where the pull request is opened.
     *
     * @param host   {@code github} or {@code azure-devops}; {@code null} to tell from the repository URL
     * @param apiUrl the REST API base (GitHub Enterprise, Azure DevOps Server); {@code null} for the cloud service
     * @param token  API token; {@code null} to use the password of {@link GitAuth.UsernamePassword}
     */
    public record PullRequestOptions(String host, String apiUrl, Secret token) implements EngineMessage { }

    /** Git credentials (issue #8). */
    public sealed interface GitAuth extends EngineMessage {
        record None() implements GitAuth { }

        record UsernamePassword(String username, Secret password) implements GitAuth { }

        record SshKey(String username, Secret privateKey, Secret passphrase, String knownHosts, boolean acceptNewHostKey)
                implements GitAuth { }
    }
}
