package dev.slipway.cli;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.kube.DeployResult;
import dev.slipway.support.Event;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway deploy}: push mode, apply manifests with the pushed images and wait for the rollout. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Apply Kubernetes manifests with the pushed images (server-side apply), wait until the new"
                + " version runs, and roll back if it does not. --plan prints the per-object diff (with -o json: the"
                + " result's objects[].diff) and applies nothing."},
        footerHeading = "%nExamples:%n",
        footer = {"  slipway deploy -f k8s/overlays/prod --plan \\",
            "      -i myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>",
            "  KUBECONFIG=~/.kube/aks slipway deploy -f k8s/ --rollback --timeout 5m \\",
            "      -i myacr.azurecr.io/shop/web:1.4.2@sha256:<hex> -o json",
            "  slipway deploy -f k8s/ --subscription-id <id> --resource-group shop \\",
            "      --cluster-name aks-prod --azure workload-identity \\",
            "      -i myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>",
            "Exit code 4: the rollout did not finish within --timeout."})
public final class DeployCommand extends EngineCommand {

    @Option(names = {"-f", "--manifests"}, required = true, split = ",", paramLabel = "PATH",
            description = "Files, folders (recursive), globs or kustomize folders, inside the workspace; repeatable.")
    List<String> manifests = new ArrayList<>();

    @Option(names = {"-i", "--image"}, split = ",", paramLabel = "IMAGE",
            description = "Pushed image (registry/repo:tag@sha256:...) to substitute for every container of the same"
                    + " registry and repository; repeatable.")
    List<String> images = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: the first file of $KUBECONFIG, else ~/.kube/config, unless the AKS"
                    + " options name the cluster). Its content is never printed.")
    Path kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: its current context).")
    String context;

    @Mixin
    AksOptions aks = new AksOptions();

    @Option(names = {"-n", "--namespace"}, description = "Namespace for every namespaced object (default: the"
            + " object's own, else the context's).")
    String namespace;

    @Option(names = "--plan", description = "Show the per-object diff of what would change; apply nothing.")
    boolean plan;

    @Option(names = "--server-dry-run", description = "Send the applies with dryRun=All: the server checks them,"
            + " nothing is stored.")
    boolean serverDryRun;

    @Option(names = "--force-conflicts", description = "Take over fields other field managers own (force=true).")
    boolean force;

    @Option(names = "--prune", description = "Delete objects of an earlier apply of the same --applyset that are gone.")
    boolean prune;

    @Option(names = "--applyset", paramLabel = "NAME", description = "Name of the ApplySet (parent Secret) prune works within.")
    String applySet;

    @Option(names = "--rollback", description = "On a failed rollout, re-apply the workloads' previous specs.")
    boolean rollback;

    @Option(names = "--allow-downgrade", description = "Replace workloads that run a newer build of the same source.")
    boolean allowDowngrade;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "Rollout deadline, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--source-repository", description = "Source repository URL (workload annotation).")
    String sourceRepository;

    @Option(names = "--source-commit", description = "Source commit (workload annotation).")
    String sourceCommit;

    @Option(names = "--build-url", description = "CI build URL (workload annotation).")
    String buildUrl;

    @Option(names = "--build-number", description = "CI build number (annotation; the downgrade guard compares it).")
    Long buildNumber;

    @Option(names = "--delivery-id", description = "Delivery id (default: a new UUID).")
    String deliveryId;

    @Override
    int run(EngineContext base) {
        Duration deadline = parseDuration(timeout);
        List<ImageRef> refs = images.stream().map(image -> ImageRef.parse("--image", image)).toList();
        aks.checkExclusive(kubeconfig, context);
        EngineContext engine = aks.apply(base);
        ClusterAccess.Kubeconfig cluster;
        if (aks.given()) {
            cluster = aks.login(engine, environment);
        } else {
            Secret config = readKubeconfig();
            engine.events().masker().register(config);
            cluster = new ClusterAccess.Kubeconfig(config, context);
        }
        DeployRequest request = new DeployRequest(manifests, refs, cluster,
                namespace, plan, serverDryRun, force, prune, rollback, allowDowngrade, deadline,
                new Provenance(sourceRepository, sourceCommit, null, buildUrl, buildNumber,
                        deliveryId == null ? UUID.randomUUID().toString() : deliveryId),
                applySet);
        DeployResult result = new Engine(engine).deploy(request);
        result(result, result.message());
        return OK;
    }

    /** The plan is the result of {@code --plan}: on stdout in text mode. */
    @Override
    boolean printsOnStdout(Event event) {
        return event.phase() == Event.Phase.PLAN;
    }

    private Secret readKubeconfig() {
        Path file = kubeconfig;
        if (file == null) {
            String fromEnvironment = environment.get("KUBECONFIG");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                file = Path.of(fromEnvironment.split(java.io.File.pathSeparator)[0]);
            } else {
                file = Path.of(System.getProperty("user.home"), ".kube", "config");
            }
        }
        return SecretSources.wholeFile(file, "--kubeconfig");
    }

    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.matches("\\d+(ms|s|m|h)")) {
                long amount = Long.parseLong(value.replaceAll("\\D", ""));
                return value.endsWith("ms") ? Duration.ofMillis(amount) : value.endsWith("s") ? Duration.ofSeconds(amount)
                        : value.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofHours(amount);
            }
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidInputException("--timeout", "'" + text + "' is not a duration", "write e.g. 90s, 5m or 1h");
        }
    }
}
