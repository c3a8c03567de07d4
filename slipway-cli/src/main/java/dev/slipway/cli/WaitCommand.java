package dev.slipway.cli;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.gitops.GitOpsUpdateRequest.GitAuth;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.sync.WaitRequest;
import dev.slipway.sync.WaitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway wait}: until Argo CD or Flux shows a GitOps commit live. Tokens come only from environment
 * variables, files or stdin, never from arguments (they would show in process lists and CI logs).
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Wait until Argo CD or Flux has applied a GitOps commit (or a descendant of it) and the app is"
                + " healthy; with --pull-request, first wait for the merge and follow the merge commit.",
                "Argo CD is read through its API (read-only token in SLIPWAY_ARGOCD_TOKEN or --argocd-token-file), Flux"
                        + " through the commit statuses its notification-controller posts (token in SLIPWAY_GIT_TOKEN or"
                        + " --git-token-file). With --kubeconfig, or an AKS cluster (--subscription-id, --resource-group,"
                        + " --cluster-name, --azure), both are read from the cluster instead."},
        footerHeading = "%nExamples:%n",
        footer = {"  SLIPWAY_ARGOCD_TOKEN=... slipway wait --argocd-app web \\",
            "      --argocd-url https://argocd.example --commit <sha> --timeout 10m",
            "  slipway wait --flux flux-system/web --commit <sha> \\",
            "      --kubeconfig ~/.kube/config --workload deployment/web -n shop \\",
            "      --image myacr.azurecr.io/shop/web@sha256:<hex> -o json",
            "Exit code 1 means the app is degraded or its sync failed (the JSON result says why); 4 the deadline passed."})
public final class WaitCommand extends EngineCommand {
    static final String ARGOCD_TOKEN_VARIABLE = "SLIPWAY_ARGOCD_TOKEN";
    static final String GIT_TOKEN_VARIABLE = "SLIPWAY_GIT_TOKEN";
    static final String GIT_USERNAME_VARIABLE = "SLIPWAY_GIT_USERNAME";

    @Option(names = "--commit", required = true, description = "The GitOps commit to wait for.")
    String commit;

    @Option(names = "--argocd-app", paramLabel = "NAME", description = "Argo CD Application (through the cluster:"
            + " [namespace/]name, namespace argocd by default).")
    String argoApplication;

    @Option(names = "--flux", paramLabel = "OBJECT", description = "Flux object: [Kustomization|HelmRelease/][namespace/]name"
            + " (Kustomization in flux-system by default).")
    String fluxObject;

    @Option(names = "--argocd-url", paramLabel = "URL", description = "Argo CD server URL (API mode).")
    String argoUrl;

    @Option(names = "--argocd-token-file", paramLabel = "FILE", description = "File holding the Argo CD token"
            + " (default: $" + ARGOCD_TOKEN_VARIABLE + ").")
    Path argoTokenFile;

    @Option(names = "--token-stdin", description = "Read the token (Argo CD in API mode, else the Git host's) from stdin.")
    boolean tokenFromStdin;

    @Option(names = "--repository", paramLabel = "URL", description = "GitOps repository URL: decides descendants, and"
            + " names the Git host for Flux statuses and pull requests.")
    String repository;

    @Option(names = "--branch", defaultValue = "main", description = "Branch the controller follows (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--git-host", paramLabel = "KIND", description = "github or azure-devops, when the URL does not tell.")
    String gitHost;

    @Option(names = "--git-api-url", paramLabel = "URL", description = "The Git host's API base (Enterprise/Server).")
    String gitApiUrl;

    @Option(names = "--git-token-file", paramLabel = "FILE", description = "File holding the Git host token"
            + " (default: $" + GIT_TOKEN_VARIABLE + "); also used to read the repository over HTTPS"
            + " (user $" + GIT_USERNAME_VARIABLE + ", default x-access-token).")
    Path gitTokenFile;

    @Option(names = "--pull-request", paramLabel = "NUMBER", description = "Wait for this pull request's merge first.")
    Integer pullRequest;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Read Argo CD / Flux from the cluster (and check"
            + " running digests). Its content is never printed. The AKS options reach the cluster without one.")
    Path kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: its current context).")
    String context;

    @Mixin
    AksOptions aks = new AksOptions();

    @Option(names = "--image", paramLabel = "IMAGE", description = "Our image with digest: with --workload and"
            + " the cluster (--kubeconfig or AKS), the pods must run it.")
    String image;

    @Option(names = "--workload", split = ",", paramLabel = "KIND/NAME", description = "Workload whose pods must run --image.")
    List<String> workloads = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace of --workload.")
    String namespace;

    @Option(names = "--refresh", description = "Ask Argo CD / Flux to look at Git now.")
    boolean refresh;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "Deadline (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "5s", description = "How often to ask"
            + " (default: ${DEFAULT-VALUE}).")
    String pollInterval;

    @Override
    int run(EngineContext base) {
        if ((argoApplication == null) == (fluxObject == null)) {
            throw new InvalidInputException("--argocd-app/--flux", "name exactly one of them", "give --argocd-app NAME or --flux OBJECT");
        }
        aks.checkExclusive(kubeconfig, context);
        EngineContext engine = aks.apply(base);
        SecretMasker masker = engine.events().masker();
        boolean viaCluster = kubeconfig != null || aks.given();
        WaitRequest.Source source = argoApplication != null
                ? (viaCluster ? WaitRequest.Source.ARGOCD_CLUSTER : WaitRequest.Source.ARGOCD_API)
                : (viaCluster ? WaitRequest.Source.FLUX_CLUSTER : WaitRequest.Source.FLUX_GIT_STATUS);
        boolean argoApi = source == WaitRequest.Source.ARGOCD_API;
        Secret argoToken = argoApi ? SecretSources.firstOf(tokenFromStdin, standardInput, "--token-stdin", "--argocd-token-file", argoTokenFile,
                "--argocd-token-file", environment, ARGOCD_TOKEN_VARIABLE) : null;
        Secret gitToken = SecretSources.firstOf(tokenFromStdin && !argoApi, standardInput, "--token-stdin", "--git-token-file", gitTokenFile,
                "--git-token-file", environment, GIT_TOKEN_VARIABLE);
        masker.register(argoToken);
        masker.register(gitToken);
        ClusterAccess cluster = null;
        if (aks.given()) {
            cluster = aks.login(engine, environment);
        } else if (viaCluster) {
            Secret config = SecretSources.wholeFile(kubeconfig, "--kubeconfig");
            masker.register(config);
            cluster = new ClusterAccess.Kubeconfig(config, context);
        }
        WaitRequest.GitRepository repo = null;
        if (repository != null) {
            String user = environment.getOrDefault(GIT_USERNAME_VARIABLE, "x-access-token");
            GitAuth auth = gitToken == null || !repository.startsWith("http") ? new GitAuth.None()
                    : new GitAuth.UsernamePassword(user, gitToken);
            repo = new WaitRequest.GitRepository(repository, branch, auth, gitHost, gitApiUrl, gitToken);
        }
        WaitRequest.RunningDigest running = image == null && workloads.isEmpty() ? null
                : new WaitRequest.RunningDigest(namespace, workloads, image == null ? null : ImageRef.parse("--image", image));
        WaitRequest request = new WaitRequest(source, argoApplication != null ? argoApplication : fluxObject, commit,
                argoUrl, argoToken, cluster, refresh, DeployCommand.parseDuration(timeout), parseInterval(pollInterval),
                repo, pullRequest, running);
        WaitResult result = new Engine(engine).await(request);
        result(result, (result.live() ? "live: " : "not live: ") + result.message()
                + (result.revision() == null || result.revision().isEmpty() ? "" : " (revision " + result.revision() + ")"));
        return result.live() ? OK : FAILED;
    }

    private static java.time.Duration parseInterval(String text) {
        try {
            return DeployCommand.parseDuration(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--poll-interval", "'" + text + "' is not a duration", "write e.g. 500ms or 5s");
        }
    }
}
