package dev.slipway.cli;

import dev.slipway.gitops.HelmValues;
import dev.slipway.gitops.ManifestUpdater;
import dev.slipway.gitops.UpdatePlan;
import dev.slipway.gitops.UpdateResult;
import dev.slipway.gitops.UpdateSpec;
import dev.slipway.image.ImageRef;
import dev.slipway.support.SlipwayException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipway gitops ...}: GitOps mode. */
@Command(name = "gitops", description = "Change image references in a GitOps repository.",
        mixinStandardHelpOptions = true, subcommands = {GitOpsCommand.Update.class, CommandLine.HelpCommand.class})
final class GitOpsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code slipway gitops update --local <dir>}: the file update on a folder, without Git. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change the image everywhere a folder of manifests references it for deployment (kustomize images,"
                    + " containers of every workload, Helm values keys, Argo CD Application overrides, Flux $imagepolicy markers),"
                    + " and nothing else: comments, quoting, blank lines and line endings stay byte for byte.",
                "Every file is edited in memory and checked first; if any file is refused, nothing is written."},
            footer = {"", "Exit codes: 0 updated or already up to date, 1 refused (the message says what and how to fix it), 2 usage error.",
                "Example:", "  slipway gitops update --local ./gitops --path overlays/prod \\",
                "      --image myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>"})
    static final class Update implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--local", required = true, paramLabel = "<dir>",
                description = "Update the manifests in this folder (no Git: nothing is cloned, committed or pushed).")
        Path local;

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
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                UpdateSpec update = new UpdateSpec(images.stream().map(i -> ImageRef.parse("--image", i)).toList(),
                        UpdateSpec.parsePin("--pin", pin), helm(), fluxPolicies, paths, maxFileBytes);
                UpdatePlan plan = ManifestUpdater.plan(local, update);
                UpdateResult result = plan.result();
                if (!dryRun) {
                    plan.apply();
                }
                out.println(dryRun && !result.upToDate() ? "would change (dry run, nothing written):\n" + result.describe()
                        : result.describe());
                out.flush();
                return 0;
            } catch (SlipwayException refused) {
                err.println("slipway gitops update: " + refused.describe());
                err.flush();
                return 1;
            }
        }

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
