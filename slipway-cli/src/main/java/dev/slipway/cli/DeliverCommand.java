package dev.slipway.cli;

import dev.slipway.azure.AzureCloud;
import dev.slipway.azure.AzureIdentity;
import dev.slipway.delivery.DeliveryFailedException;
import dev.slipway.delivery.DeliveryRecord;
import dev.slipway.delivery.DeliveryRecords;
import dev.slipway.delivery.DeliveryRequest;
import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.delivery.ReportWriter;
import dev.slipway.gitops.GitOpsUpdateRequest;
import dev.slipway.gitops.UpdateSpec;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.ImageRef;
import dev.slipway.kube.ClusterAccess;
import dev.slipway.kube.DeployRequest;
import dev.slipway.registry.PushRequest;
import dev.slipway.registry.RegistryAuth;
import dev.slipway.registry.RegistryTransport;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import dev.slipway.sync.WaitRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipway deliver}: the whole delivery of one environment from {@code slipway.yaml} (docs/slipway-yaml.md):
 * build, push by digest, then deploy (push mode) or commit to the GitOps repository (GitOps mode), then wait; the
 * delivery record and its HTML report are written also when it fails. Flags override the file's values.
 *
 * <p>Exit codes (as the other commands): 0 delivered, 1 failed, 2 usage or a bad {@code slipway.yaml}, 3 a credential
 * refused, 4 a deadline. The error handling and the exit codes for errors before the delivery starts come from
 * {@link EngineCommand}; a failed delivery's own error is printed and mapped here, after its record is written.
 */
@Command(name = "deliver", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deliver one environment of slipway.yaml: build (buildah or Docker), push by digest, then apply to the"
                + " cluster (mode push) or commit the digest to the GitOps repository (mode gitops) and wait for Argo CD or Flux.",
            "Writes the delivery record (JSON) and its HTML report, also when the delivery fails."},
        footer = {"", "Exit codes: 0 delivered, 1 the delivery failed, 2 usage or slipway.yaml error, 3 a credential was"
                + " refused, 4 a deadline passed.",
            "Secrets come only from the environment variables and files slipway.yaml names, never from the file or flags.",
            "Examples:",
            "  slipway deliver --environment dev",
            "  slipway deliver -e prod --tag 1.4.2 --plan",
            "  slipway deliver -e dev --file deploy/slipway.yaml --record out/delivery.json"})
final class DeliverCommand extends EngineCommand {
    static final String RECORDS_FOLDER = ".slipway/records";

    /** registry.caFile's certificates, trusted in addition to the JDK's (and to the environment's network settings). */
    private String extraCaPem;

    /**
     * How {@code kubernetes.aks} becomes a kubeconfig: through ARM with the cluster's identity ({@link AksOptions#login}),
     * set by {@link #run} once the network is known; tests of {@link #request} may give their own.
     */
    Function<AksOptions.Target, ClusterAccess.Kubeconfig> aksLogin = target -> {
        throw new IllegalStateException("the AKS login is set when the command runs");
    };

    @Option(names = {"-e", "--environment"}, paramLabel = "NAME", defaultValue = "${env:SLIPWAY_ENVIRONMENT}",
            description = "Environment of slipway.yaml to deliver (default: $SLIPWAY_ENVIRONMENT; may be left out when the file has one).")
    String environmentName;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The configuration (default: slipway.yaml in the workspace).")
    Path file;

    @Option(names = "--image", paramLabel = "REPOSITORY", description = "Overrides image.repository.")
    String image;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Replaces image.tags; repeatable. Templates: {gitCommitShort}, {buildNumber}.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "NAME=VALUE", description = "Added to (and overriding) build.args; repeatable. Never a secret.")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--layout", paramLabel = "PATH", description = "Push this OCI layout instead of building (overrides build and layout).")
    String layout;

    @Option(names = "--plain-http", description = "Talk plain HTTP to the registry (local test registries only).")
    Boolean plainHttp;

    @Option(names = "--gitops-branch", paramLabel = "BRANCH", description = "Overrides gitops.branch.")
    String gitopsBranch;

    @Option(names = "--gitops-path", paramLabel = "PATH", description = "Overrides gitops.path.")
    String gitopsPath;

    @Option(names = "--no-wait", description = "Do not wait for Argo CD or Flux, even when slipway.yaml says so.")
    boolean noWait;

    @Option(names = "--plan", description = "Push mode: push, then show what would be applied; apply nothing.")
    boolean plan;

    @Option(names = {"-n", "--namespace"}, description = "Overrides kubernetes.namespace.")
    String namespace;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Overrides kubernetes.timeout (push) or wait.timeout (GitOps), e.g. 90s, 5m.")
    String timeout;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Where the delivery record goes (default: " + RECORDS_FOLDER + "/<id>.json in the workspace); the report is"
                    + " written beside it as .html.")
    Path record;

    @Option(names = "--delivery-id", paramLabel = "ID", description = "The delivery's id (default: a new UUID).")
    String deliveryId;

    @Option(names = "--git-commit", defaultValue = "${env:GIT_COMMIT}", paramLabel = "SHA", description = "Source commit (default: $GIT_COMMIT).")
    String commit;

    @Option(names = "--branch", defaultValue = "${env:BRANCH_NAME:-${env:GIT_BRANCH}}", paramLabel = "NAME",
            description = "Source branch (default: $BRANCH_NAME, else $GIT_BRANCH).")
    String branch;

    @Option(names = "--source-url", defaultValue = "${env:GIT_URL}", paramLabel = "URL",
            description = "Source repository URL; credentials in it are dropped (default: $GIT_URL).")
    String sourceUrl;

    @Option(names = "--build-url", defaultValue = "${env:BUILD_URL}", paramLabel = "URL", description = "CI build URL (default: $BUILD_URL).")
    String buildUrl;

    @Option(names = "--build-number", defaultValue = "${env:BUILD_NUMBER}", paramLabel = "N", description = "CI build number (default: $BUILD_NUMBER).")
    Long buildNumber;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where GitOps clones are kept between runs (default ~/.cache/slipway).")
    Path cache;

    @Override
    int run(EngineContext base) {
        Path root = workspace.toAbsolutePath().normalize();
        Path configFile = file != null ? root.resolve(file) : root.resolve(SlipwayYaml.FILE_NAME);
        DeliveryConfig config = SlipwayYaml.parse(readConfig(configFile), configFile.getFileName().toString());
        DeliveryConfig.Environment env = pickEnvironment(config);
        SecretMasker masker = base.events().masker();
        String id = blank(deliveryId) ? UUID.randomUUID().toString() : deliveryId;
        // registry.caFile (read by request()) joins the network before ARM is asked for an AKS cluster's kubeconfig
        aksLogin = target -> AksOptions.login(base.withNetwork(extraCaPem == null ? base.network()
                : base.network().withExtraCaPem(extraCaPem)), target);
        DeliveryRequest request = request(config, env, root, id, masker);
        Path recordFile = record != null ? root.resolve(record) : root.resolve(RECORDS_FOLDER).resolve(id + ".json");

        EngineContext context = new EngineContext(root, base.events(), cache)
                .withNetwork(extraCaPem == null ? base.network() : base.network().withExtraCaPem(extraCaPem));
        DeliveryRecord result;
        DeliveryFailedException failure = null;
        try {
            result = new Engine(context).deliver(request);
        } catch (DeliveryFailedException failed) {
            result = failed.record();
            failure = failed;
        }
        Path report = write(recordFile, result, masker);
        if (failure != null) {
            // the record and report exist also for a failed delivery: say where, then fail as the other commands do
            PrintWriter err = spec.commandLine().getErr();
            err.println("record: " + recordFile);
            err.println("report: " + report);
            err.flush();
            throw failure;
        }
        result(new Delivered(result, recordFile.toString(), report.toString()),
                "delivered " + imageOf(result) + " to " + env.name() + " (" + env.mode().name().toLowerCase(Locale.ROOT) + ")\n"
                        + "record: " + recordFile + "\n"
                        + "report: " + report);
        return OK;
    }

    /** What {@code -o json} prints for a delivery: its record and where the record and the report were written. */
    record Delivered(DeliveryRecord record, String recordFile, String reportFile) {
    }

    @Override
    int exitCodeFor(SlipwayException e) {
        return e instanceof DeliveryFailedException failed ? exitCode(failed.getCause()) : super.exitCodeFor(e);
    }

    /** The exit code of a failed delivery: the failed phase's own error decides, as for the single commands. */
    static int exitCode(Throwable cause) {
        return cause instanceof SlipwayException slipway ? DeployCommand.exitCode(slipway) : FAILED;
    }

    private DeliveryConfig.Environment pickEnvironment(DeliveryConfig config) {
        if (blank(environmentName)) {
            if (config.environments().size() == 1) {
                return config.environments().values().iterator().next();
            }
            throw new InvalidInputException("--environment", "is needed: slipway.yaml names " + String.join(", ",
                    config.environments().keySet()), "give --environment NAME (or set SLIPWAY_ENVIRONMENT)");
        }
        DeliveryConfig.Environment env = config.environments().get(environmentName);
        if (env == null) {
            throw new InvalidInputException("--environment", "'" + environmentName + "' is not in slipway.yaml",
                    "use one of: " + String.join(", ", config.environments().keySet()));
        }
        return env;
    }

    /** The engine request: file values, then flags over them. */
    DeliveryRequest request(DeliveryConfig config, DeliveryConfig.Environment env, Path root, String id, SecretMasker masker) {
        DeliveryConfig.Image imageConfig = env.image() != null ? env.image() : config.image();
        String repository = image != null ? image : imageConfig == null ? null : imageConfig.repository();
        if (blank(repository)) {
            throw new InvalidInputException("image.repository", "is not given", "write image: {repository: myacr.azurecr.io/shop/web} or give --image");
        }
        ImageRef target = ImageRef.parse(image != null ? "--image" : "image.repository", repository);
        List<String> allTags = !tags.isEmpty() ? tags : imageConfig == null || imageConfig.tags() == null ? List.of() : imageConfig.tags();
        Provenance provenance = new Provenance(blankToNull(sourceUrl), blankToNull(commit), blankToNull(branch), blankToNull(buildUrl),
                buildNumber, id);

        String pushLayout = layout != null ? layout : config.build() == null ? config.layout() : null;
        BuildRequest build = null;
        if (pushLayout == null) {
            DeliveryConfig.Build b = config.build() != null ? config.build()
                    : new DeliveryConfig.Build(null, null, null, null, null, null, null, null);
            Map<String, String> args = new LinkedHashMap<>(b.args() == null ? Map.of() : b.args());
            args.putAll(buildArgs);
            build = BuildRequest.builder(target.withoutTag().withoutDigest())
                    .driver(driver(b.driver()))
                    .context(b.context())
                    .dockerfile(b.dockerfile())
                    .tags(allTags)
                    .buildArgs(args)
                    .target(b.target())
                    .platform(b.platform())
                    .insecureRegistries(b.insecureRegistries() == null ? List.of() : b.insecureRegistries())
                    .pullAuthFile(b.pullAuthFile())
                    .provenance(provenance)
                    .build();
        }
        DeliveryConfig.Registry registry = env.registry() != null ? env.registry() : config.registry();
        RegistryTransport transport = RegistryTransport.defaults();
        boolean plain = plainHttp != null ? plainHttp : registry != null && Boolean.TRUE.equals(registry.plainHttp());
        if (plain) {
            transport = transport.withPlainHttp(target.registry());
        }
        if (registry != null && registry.caFile() != null) {
            extraCaPem = TransportOptions.readCaFile(root.resolve(registry.caFile()));
        }
        PushRequest push = new PushRequest(pushLayout, target.withoutTag().withoutDigest(), build == null ? allTags : List.of(),
                registryAuth(registry, target.registry(), root), transport);

        if (env.mode() == DeliveryConfig.Mode.PUSH) {
            return new DeliveryRequest(env.name(), build, push, deploy(env.kubernetes(), root, masker), null, null, provenance);
        }
        GitOpsUpdateRequest update = update(env.gitops(), target.withoutTag().withoutDigest(), root, masker);
        WaitRequest await = noWait || env.await() == null ? null : await(env.await(), root, masker);
        return new DeliveryRequest(env.name(), build, push, null, update, await, provenance);
    }

    private RegistryAuth registryAuth(DeliveryConfig.Registry registry, String host, Path root) {
        if (registry == null) {
            return new RegistryAuth.Anonymous();
        }
        if (registry.azure() != null) {
            DeliveryConfig.Azure a = registry.azure();
            return new RegistryAuth.AzureAd(AzureIdentityOptions.identity(identityValues(a, root),
                    AzureCloud.ofRegistryHost(host).orElse(AzureCloud.AZURE_PUBLIC), environment, option -> azureKey("registry", option)),
                    a.authorityHost());
        }
        if (registry.acrRefreshTokenEnv() != null) {
            return new RegistryAuth.AcrRefreshToken(SecretSources.fromEnv(environment, registry.acrRefreshTokenEnv(), "registry.acrRefreshTokenEnv"));
        }
        if (registry.username() != null) {
            return new RegistryAuth.Basic(registry.username(), secret(registry.passwordEnv(), registry.passwordFile(), root,
                    "registry.passwordEnv"));
        }
        return new RegistryAuth.Anonymous();
    }

    private DeployRequest deploy(DeliveryConfig.Kubernetes k, Path root, SecretMasker masker) {
        Duration deadline = duration(timeout != null ? timeout : k.timeout(), timeout != null ? "--timeout" : "kubernetes.timeout",
                DeployRequest.DEFAULT_TIMEOUT);
        ClusterAccess.Kubeconfig cluster = cluster("kubernetes", k.kubeconfigFile(), k.kubeconfigEnv(), k.context(), k.aks(), root,
                masker);
        return new DeployRequest(k.manifests(), List.of(), cluster,
                namespace != null ? namespace : k.namespace(), plan || Boolean.TRUE.equals(k.plan()), false, false, false,
                Boolean.TRUE.equals(k.rollback()), false, deadline, null);
    }

    /** {@code kubernetes.aks} with its identity; its secrets read now, so a missing one stops the delivery before the build. */
    private AksOptions.Target aksTarget(DeliveryConfig.Aks aks, String section, Path root) {
        DeliveryConfig.Azure a = aks.azure();
        AzureIdentity identity = AzureIdentityOptions.identity(identityValues(a, root), AzureCloud.AZURE_PUBLIC, environment,
                option -> azureKey(section, option));
        return new AksOptions.Target(identity, aks.subscriptionId(), aks.resourceGroup(), aks.clusterName(),
                Boolean.TRUE.equals(aks.admin()), aks.armEndpoint(), a.authorityHost(),
                aks.caFile() == null ? null : caFile(root.resolve(aks.caFile()), section + ".caFile"));
    }

    /** An identity section's values, its files resolved in the workspace. */
    private static AzureIdentityOptions.Values identityValues(DeliveryConfig.Azure a, Path root) {
        return new AzureIdentityOptions.Values(a.kind(), a.tenant(), a.clientId(), a.clientSecretEnv(),
                a.clientSecretFile() == null ? null : root.resolve(a.clientSecretFile()),
                a.certificateFile() == null ? null : root.resolve(a.certificateFile()), a.certificatePasswordEnv(),
                a.federatedTokenFile(), a.cloud());
    }

    private static String caFile(Path file, String key) {
        try {
            return TransportOptions.readCaFile(file);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key, e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e.fix());
        }
    }

    /** How slipway.yaml names an identity setting the CLI calls {@code --option}: e.g. kubernetes.aks.azure.clientSecretEnv. */
    static String azureKey(String aksSection, String option) {
        String[] words = (option.equals("azure") ? "kind" : option).split("-");
        StringBuilder key = new StringBuilder(aksSection).append(".azure.").append(words[0]);
        for (int i = 1; i < words.length; i++) {
            key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return key.toString();
    }

    /** The cluster of {@code kubernetes} or {@code wait.flux} (their keys named below {@code section}): AKS, else a kubeconfig. */
    private ClusterAccess.Kubeconfig cluster(String section, String kubeconfigFile, String kubeconfigEnv, String context,
            DeliveryConfig.Aks aks, Path root, SecretMasker masker) {
        if (aks != null) {
            return aksLogin.apply(aksTarget(aks, section + ".aks", root));
        }
        Secret kubeconfig;
        if (kubeconfigFile != null) {
            kubeconfig = Secret.of(SecretSources.readFile(root.resolve(kubeconfigFile), section + ".kubeconfigFile"));
        } else {
            String variable = kubeconfigEnv != null ? kubeconfigEnv : "KUBECONFIG";
            String path = environment.get(variable);
            if (blank(path)) {
                throw new InvalidInputException(section + ".kubeconfigEnv", "environment variable " + variable + " is empty or not set",
                        "export " + variable + " with the path of the kubeconfig file, or give " + section + ".kubeconfigFile");
            }
            kubeconfig = Secret.of(SecretSources.readFile(Path.of(path.split(java.io.File.pathSeparator)[0]), section + ".kubeconfigEnv"));
        }
        masker.register(kubeconfig);
        return new ClusterAccess.Kubeconfig(kubeconfig, context);
    }

    private GitOpsUpdateRequest update(DeliveryConfig.GitOps g, ImageRef ourImage, Path root, SecretMasker masker) {
        GitOpsUpdateRequest.GitAuth auth = new GitOpsUpdateRequest.GitAuth.None();
        DeliveryConfig.GitAuth a = g.auth();
        if (a != null && a.sshKeyFile() != null) {
            Secret key = Secret.of(SecretSources.readFile(root.resolve(a.sshKeyFile()), "gitops.auth.sshKeyFile"));
            masker.register(key);
            String knownHosts = a.knownHostsFile() == null ? "" : SecretSources.readFile(root.resolve(a.knownHostsFile()), "gitops.auth.knownHostsFile");
            auth = new GitOpsUpdateRequest.GitAuth.SshKey(a.username(), key, null, knownHosts, Boolean.TRUE.equals(a.acceptNewHostKey()));
        } else if (a != null && (a.passwordEnv() != null || a.passwordFile() != null)) {
            Secret password = secret(a.passwordEnv(), a.passwordFile(), root, "gitops.auth.passwordEnv");
            masker.register(password);
            auth = new GitOpsUpdateRequest.GitAuth.UsernamePassword(a.username() == null ? "slipway" : a.username(), password);
        }
        GitOpsUpdateRequest.PullRequestOptions pr = null;
        if (g.pullRequest() != null) {
            Secret token = g.pullRequest().tokenEnv() == null ? null
                    : SecretSources.fromEnv(environment, g.pullRequest().tokenEnv(), "gitops.pullRequest.tokenEnv");
            masker.register(token);
            pr = new GitOpsUpdateRequest.PullRequestOptions(g.pullRequest().host(), g.pullRequest().apiUrl(), token);
        }
        Map<String, String> helmKeys = new LinkedHashMap<>();
        if (g.helm() != null) {
            putIfSet(helmKeys, "files", g.helm().files());
            putIfSet(helmKeys, "repository", g.helm().repositoryKey());
            putIfSet(helmKeys, "tag", g.helm().tagKey());
            putIfSet(helmKeys, "digest", g.helm().digestKey());
            putIfSet(helmKeys, "image", g.helm().imageKey());
        }
        // the delivery puts the pushed tag@digest in place of our image (DeliveryRun), as for the image references
        Map<String, String> fluxPolicies = new LinkedHashMap<>();
        g.fluxPolicy().forEach(policy -> fluxPolicies.put(policy, ourImage.reference()));
        String path = gitopsPath != null ? gitopsPath : g.path();
        return new GitOpsUpdateRequest(g.repository(), gitopsBranch != null ? gitopsBranch : g.branch() == null ? "main" : g.branch(),
                path == null ? "" : path, List.of(), UpdateSpec.parsePin("gitops.pin", g.pin() == null ? "default" : g.pin()), helmKeys,
                fluxPolicies, auth, g.message(), g.author(), pr, false, null);
    }

    private WaitRequest await(DeliveryConfig.Wait w, Path root, SecretMasker masker) {
        Duration deadline = duration(timeout != null ? timeout : w.timeout(), timeout != null ? "--timeout" : "wait.timeout",
                WaitRequest.DEFAULT_DEADLINE);
        Duration poll = duration(w.pollInterval(), "wait.pollInterval", WaitRequest.DEFAULT_POLL_INTERVAL);
        if (w.flux() != null) {
            DeliveryConfig.FluxWait f = w.flux();
            ClusterAccess.Kubeconfig cluster = cluster("wait.flux", f.kubeconfigFile(), f.kubeconfigEnv(), f.context(), f.aks(), root,
                    masker);
            return new WaitRequest(WaitRequest.Source.FLUX_CLUSTER, f.object(), null, null, null, cluster,
                    Boolean.TRUE.equals(w.refresh()), deadline, poll, null, null, null);
        }
        Secret token = w.tokenEnv() != null ? SecretSources.fromEnv(environment, w.tokenEnv(), "wait.argocd.tokenEnv")
                : SecretSources.fromFile(root.resolve(w.tokenFile()), "wait.argocd.tokenFile");
        masker.register(token);
        return new WaitRequest(WaitRequest.Source.ARGOCD_API, w.argocdApplication(), null, w.argocdServer(), token, null,
                Boolean.TRUE.equals(w.refresh()), deadline, poll, null, null, null);
    }

    private Secret secret(String variable, String file, Path root, String option) {
        if (variable != null && file != null) {
            throw new InvalidInputException(option, "both a variable and a file are named", "keep one of them");
        }
        if (variable == null && file == null) {
            throw new InvalidInputException(option, "a user name is given without its password",
                    "name the variable (" + option + ") or the file holding the password");
        }
        return variable != null ? SecretSources.fromEnv(environment, variable, option) : SecretSources.fromFile(root.resolve(file), option);
    }

    private static Duration duration(String text, String option, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return DeployCommand.parseDuration(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(option, "'" + text + "' is not a duration", "write e.g. 90s, 5m or 1h");
        }
    }

    private static BuildRequest.Driver driver(String text) {
        if (text == null) {
            return BuildRequest.Driver.AUTO;
        }
        try {
            return BuildRequest.Driver.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("build.driver", "is '" + text + "'", "write auto, buildah or docker");
        }
    }

    /** Writes the record (atomically: a reader never sees half of it) and the report beside it. */
    private static Path write(Path recordFile, DeliveryRecord result, SecretMasker masker) {
        String json = DeliveryRecords.toJson(result, masker);
        try {
            Files.createDirectories(recordFile.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(recordFile.toAbsolutePath().getParent(), ".record-", ".tmp");
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, recordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, recordFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot write the delivery record " + recordFile + ": " + e.getMessage(),
                    "check that the folder is writable, or give --record FILE");
        }
        String name = recordFile.getFileName().toString();
        Path report = recordFile.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".html");
        ReportWriter.write(report, ReportWriter.render("Slipway delivery " + result.id(), List.of(result), masker, Instant.now()));
        return report;
    }

    private static String readConfig(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            throw new InvalidInputException("--file", "there is no " + configFile.getFileName() + " at " + configFile,
                    "write one (docs/slipway-yaml.md), run from the folder that has it, or give --file FILE");
        }
        return SecretSources.readFile(configFile, "--file");
    }

    private static String imageOf(DeliveryRecord record) {
        DeliveryRecord.Image image = record.image();
        return image == null ? "?" : image.registry() + "/" + image.repository() + "@" + image.digest();
    }

    private static void putIfSet(Map<String, String> keys, String key, String value) {
        if (value != null) {
            keys.put(key, value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s;
    }
}
