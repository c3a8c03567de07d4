package dev.slipway.cli;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.GitOpsUpdateResult;
import dev.slipway.gitops.HelmValues;
import dev.slipway.gitops.ManifestUpdater;
import dev.slipway.gitops.UpdatePlan;
import dev.slipway.gitops.UpdateResult;
import dev.slipway.gitops.UpdateSpec;
import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SlipwayException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipway gitops ...}: GitOps mode. */
@Command(name = "gitops", description = "Change image references in a GitOps repository.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  slipway gitops update --repo https://github.com/contoso/gitops.git \\",
            "      --path overlays/prod --git-password-env GIT_TOKEN \\",
            "      --image myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>",
            "  slipway gitops help update"}, subcommands = {GitOpsCommand.Update.class, CommandLine.HelpCommand.class})
final class GitOpsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code slipway gitops update}: with {@code --repo}, clone (or fetch the cached clone), update, commit and push
     * (or open a pull request); with {@code --local <dir>}, the file update on a folder, without Git.
     */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change the image everywhere a folder of manifests references it for deployment (kustomize images,"
                    + " containers of every workload, Helm values keys, Argo CD Application overrides, Flux $imagepolicy markers),"
                    + " and nothing else: comments, quoting, blank lines and line endings stay byte for byte.",
                "Every file is edited in memory and checked first; if any file is refused, nothing is written."},
            footerHeading = "%nExamples:%n",
            footer = {"  slipway gitops update --repo https://github.com/contoso/gitops.git \\",
                "      --path overlays/prod --git-username bot --git-password-env GIT_TOKEN \\",
                "      --image myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>",
                "  slipway gitops update --local ./gitops --path overlays/prod --dry-run \\",
                "      --image myacr.azurecr.io/shop/web:1.4.2@sha256:<hex> -o json",
                "Exit code 1 also when a file is refused (it does not parse, a conflict, a downgrade): the message says what"
                        + " and how to fix it; nothing is written then."})
    static final class Update extends EngineCommand {
        @Option(names = "--local", paramLabel = "<dir>",
                description = "Update the manifests in this folder (no Git: nothing is cloned, committed or pushed).")
        Path local;

        @Option(names = "--repo", paramLabel = "<url>",
                description = "The GitOps repository (https://, ssh://, git:// or file://): clone or fetch it, update, commit, push.")
        String repository;

        @Option(names = "--branch", paramLabel = "<branch>", defaultValue = "main",
                description = "Branch to update, or to open the pull request against (default ${DEFAULT-VALUE}).")
        String branch;

        @Option(names = "--git-username", paramLabel = "<user>",
                description = "User for HTTPS (any value for a token); the password or token comes from --git-password-env,"
                        + " --git-password-file or --git-password-stdin.")
        String gitUsername;

        @Option(names = "--git-password-env", paramLabel = "<VAR>", description = "Environment variable holding the Git password or token.")
        String gitPasswordEnv;

        @Option(names = "--git-password-file", paramLabel = "<file>", description = "File holding the Git password or token.")
        Path gitPasswordFile;

        @Option(names = "--git-password-stdin", description = "Read the Git password or token from standard input.")
        boolean gitPasswordStdin;

        @Option(names = "--ssh-key-file", paramLabel = "<file>", description = "SSH private key for ssh:// URLs.")
        Path sshKeyFile;

        @Option(names = "--ssh-passphrase-env", paramLabel = "<VAR>", description = "Environment variable holding the key's passphrase.")
        String sshPassphraseEnv;

        @Option(names = "--known-hosts-file", paramLabel = "<file>", description = "known_hosts with the server's host key (ssh-keyscan).")
        Path knownHostsFile;

        @Option(names = "--accept-new-host-key", description = "Trust an SSH host key not in known_hosts (first contact only).")
        boolean acceptNewHostKey;

        @Option(names = "--pull-request", description = "Push to a branch of its own and open or update a pull request instead.")
        boolean pullRequest;

        @Option(names = "--pr-host", paramLabel = "<kind>", description = "github or azure-devops (default: from the repository URL).")
        String pullRequestHost;

        @Option(names = "--pr-api-url", paramLabel = "<url>", description = "REST API base (GitHub Enterprise, Azure DevOps Server).")
        String pullRequestApiUrl;

        @Option(names = "--pr-token-env", paramLabel = "<VAR>",
                description = "Environment variable holding the pull-request API token (default: the Git password).")
        String pullRequestTokenEnv;

        @Option(names = "--message", paramLabel = "<template>",
                description = "Commit message; placeholders {summary} {changes} {image} {sourceCommitShort} {buildNumber}.")
        String message;

        @Option(names = "--author", paramLabel = "<Name <email>>", description = "Commit author and committer.")
        String author;

        @Option(names = "--allow-downgrade", description = "Let this build overwrite a newer build of the same source.")
        boolean allowDowngrade;

        @Option(names = "--source-repository", paramLabel = "<url>", description = "Source repository, for the trailers and the downgrade guard.")
        String sourceRepository;

        @Option(names = "--source-commit", paramLabel = "<sha>", description = "Source commit the image was built from.")
        String sourceCommit;

        @Option(names = "--build-url", paramLabel = "<url>", description = "CI build URL, for the trailers.")
        String buildUrl;

        @Option(names = "--build-number", paramLabel = "<n>", description = "CI build number, compared by the downgrade guard.")
        Long buildNumber;

        @Option(names = "--cache", paramLabel = "<dir>", description = "Where clones are kept between runs (default ~/.cache/slipway).")
        Path cache;

        @Option(names = "--image", paramLabel = "<ref>",
                description = "The new image, repo:tag@sha256:<hex>; repeat for several. Matched by registry and repository only.")
        List<String> images = new ArrayList<>();

        @Option(names = "--pin", paramLabel = "<pin>", defaultValue = "default",
                description = "What to write where tag and digest both fit: default (each target's place for a digest), tag, digest, both.")
        String pin;

        @Option(names = "--path", paramLabel = "<path>",
                description = "Only this folder or file below <dir>; repeat for several. Default: all of <dir>.")
        List<String> paths = new ArrayList<>();

        @Option(names = "--helm-values", paramLabel = "<glob>",
                description = "Helm values files to update, a glob below <dir> (default with a --helm-*-key: **/values*.yaml).")
        String helmValues;

        @Option(names = "--helm-repository-key", paramLabel = "<key.path>", description = "e.g. image.repository")
        String helmRepositoryKey;

        @Option(names = "--helm-tag-key", paramLabel = "<key.path>", description = "e.g. image.tag")
        String helmTagKey;

        @Option(names = "--helm-digest-key", paramLabel = "<key.path>", description = "e.g. image.digest")
        String helmDigestKey;

        @Option(names = "--helm-image-key", paramLabel = "<key.path>", description = "One key holding repo:tag@digest, e.g. image")
        String helmImageKey;

        @Option(names = "--flux-policy", paramLabel = "<ns>:<policy>=<image>",
                description = "The image a Flux ImagePolicy resolved to, for # {\"$imagepolicy\": ...} markers; repeat for several.")
        Map<String, String> fluxPolicies = new LinkedHashMap<>();

        @Option(names = "--max-file-bytes", paramLabel = "<bytes>", defaultValue = "4194304",
                description = "Refuse YAML files larger than this (default ${DEFAULT-VALUE}).")
        long maxFileBytes;

        @Option(names = "--dry-run", description = "Show what would change; write nothing.")
        boolean dryRun;

        @Override
        int run(EngineContext context) {
            if ((local == null) == (repository == null)) {
                throw new InvalidInputException("--repo", local == null ? "give --repo <url> or --local <dir>"
                        : "--repo and --local exclude each other", "use --repo to commit and push, --local to edit a folder only");
            }
            return local != null ? runLocal() : runRemote(context);
        }

        /** A repository file Slipway refuses to edit is a refusal (1), not a usage error of the command. */
        @Override
        int exitCodeFor(SlipwayException e) {
            return e instanceof dev.slipway.gitops.ManifestException ? FAILED : super.exitCodeFor(e);
        }

        private int runRemote(EngineContext base) {
            EngineContext context = new EngineContext(base.workspace(), base.events(), cache);
            List<ImageRef> parsed = images.stream().map(i -> ImageRef.parse("--image", i)).toList();
            GitOpsUpdateRequest.PullRequestOptions pr = !pullRequest ? null
                    : new GitOpsUpdateRequest.PullRequestOptions(pullRequestHost, pullRequestApiUrl,
                            pullRequestTokenEnv == null ? null : secretFromEnv(pullRequestTokenEnv, "--pr-token-env"));
            GitOpsUpdateRequest request = new GitOpsUpdateRequest(repository, branch, paths.isEmpty() ? "" : paths.get(0), parsed,
                    UpdateSpec.parsePin("--pin", pin), helmKeys(), fluxPolicies, gitAuth(), message, author, pr,
                    allowDowngrade, new Provenance(sourceRepository, sourceCommit, null, buildUrl, buildNumber, null));
            if (paths.size() > 1) {
                throw new InvalidInputException("--path", "with --repo, give one --path (the folder the delivery targets)",
                        "run one update per folder, or give their common parent");
            }
            GitOpsUpdateResult result = new Engine(context).update(request);
            result(result, result.upToDate() ? "already up to date at " + result.commit()
                    : result.pullRequestUrl() != null ? result.pullRequestUrl() : result.commit());
            return OK;
        }

        private GitOpsUpdateRequest.GitAuth gitAuth() {
            if (sshKeyFile != null) {
                String knownHosts = knownHostsFile == null ? "" : SecretSources.readFile(knownHostsFile, "--known-hosts-file");
                return new GitOpsUpdateRequest.GitAuth.SshKey(gitUsername, Secret.of(SecretSources.readFile(sshKeyFile, "--ssh-key-file")),
                        sshPassphraseEnv == null ? null : secretFromEnv(sshPassphraseEnv, "--ssh-passphrase-env"), knownHosts,
                        acceptNewHostKey);
            }
            Secret password = gitPasswordEnv != null ? secretFromEnv(gitPasswordEnv, "--git-password-env")
                    : gitPasswordFile != null ? SecretSources.fromFile(gitPasswordFile, "--git-password-file")
                    : gitPasswordStdin ? standardInput.secret("--git-password-stdin", "--git-password-env or --git-password-file") : null;
            if (password == null) {
                return new GitOpsUpdateRequest.GitAuth.None();
            }
            return new GitOpsUpdateRequest.GitAuth.UsernamePassword(gitUsername == null ? "slipway" : gitUsername, password);
        }

        private Map<String, String> helmKeys() {
            Map<String, String> keys = new LinkedHashMap<>();
            if (helmValues != null) {
                keys.put("files", helmValues);
            }
            putIfSet(keys, "repository", helmRepositoryKey);
            putIfSet(keys, "tag", helmTagKey);
            putIfSet(keys, "digest", helmDigestKey);
            putIfSet(keys, "image", helmImageKey);
            return keys;
        }

        private static void putIfSet(Map<String, String> keys, String key, String value) {
            if (value != null) {
                keys.put(key, value);
            }
        }

        private Secret secretFromEnv(String variable, String option) {
            return SecretSources.fromEnv(environment, variable, option);
        }

        private int runLocal() {
            UpdateSpec update = new UpdateSpec(images.stream().map(i -> ImageRef.parse("--image", i)).toList(),
                    UpdateSpec.parsePin("--pin", pin), helm(), fluxPolicies, paths, maxFileBytes);
            UpdatePlan plan = ManifestUpdater.plan(local, update);
            UpdateResult result = plan.result();
            if (!dryRun) {
                plan.apply();
            }
            result(new LocalUpdate(dryRun, result.upToDate(), result.changes(), result.notices()),
                    dryRun && !result.upToDate() ? "would change (dry run, nothing written):\n" + result.describe()
                            : result.describe());
            return OK;
        }

        /**
         * What {@code --local} reports with {@code -o json}.
         *
         * @param dryRun   nothing was written
         * @param upToDate nothing needed changing
         * @param changes  file → document → field → old → new
         * @param notices  what was skipped and why
         */
        record LocalUpdate(boolean dryRun, boolean upToDate, List<dev.slipway.delivery.Change> changes,
                List<dev.slipway.gitops.Notice> notices) { }

        private List<HelmValues> helm() {
            boolean anyKey = helmRepositoryKey != null || helmTagKey != null || helmDigestKey != null || helmImageKey != null;
            if (!anyKey && helmValues == null) {
                return List.of();
            }
            return List.of(new HelmValues(helmValues == null ? "**/values*.yaml" : helmValues, helmRepositoryKey, helmTagKey,
                    helmDigestKey, helmImageKey));
        }
    }
}
