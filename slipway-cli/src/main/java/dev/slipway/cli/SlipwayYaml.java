package dev.slipway.cli;

import dev.slipway.cli.DeliveryConfig.Mode;
import dev.slipway.support.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code slipway.yaml} (docs/slipway-yaml.md) into a {@link DeliveryConfig}. Strict: an unknown key, a value of
 * the wrong shape or a secret written as a value is an {@link InvalidInputException} naming the file, the line, the
 * key's path and the fix; nothing is guessed.
 */
final class SlipwayYaml {
    static final int SCHEMA_VERSION = 1;
    static final String FILE_NAME = "slipway.yaml";

    /** Keys that would hold a secret's value: refused with a pointer to the reference keys. */
    private static final Set<String> SECRET_KEYS = Set.of("password", "token", "secret", "clientsecret", "privatekey", "sshkey",
            "apitoken", "passphrase", "kubeconfig", "refreshtoken", "acrrefreshtoken", "certificatepassword");

    /** The keys of an Azure AD identity (docs/slipway-yaml.md), as the CLI's --azure options without the dashes. */
    static final Set<String> AZURE_KEYS = Set.of("kind", "tenant", "clientId", "clientSecretEnv", "clientSecretFile",
            "certificateFile", "certificatePasswordEnv", "federatedTokenFile", "cloud", "authorityHost");

    private final String fileName;

    private SlipwayYaml(String fileName) {
        this.fileName = fileName;
    }

    /** Parses the text of a {@code slipway.yaml}; {@code fileName} is how errors name the file. */
    static DeliveryConfig parse(String text, String fileName) {
        return new SlipwayYaml(fileName).parse(text);
    }

    private DeliveryConfig parse(String text) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(fileName).setAllowDuplicateKeys(false).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new InvalidInputException(fileName + ":" + line, "is not valid YAML: " + e.getProblem(),
                    "fix the YAML syntax at that line (indentation, a missing ':' or an unclosed quote)");
        } catch (YamlEngineException e) {
            throw new InvalidInputException(fileName, "is not valid YAML: " + e.getMessage(), "fix the YAML syntax");
        }
        if (root.isEmpty()) {
            throw new InvalidInputException(fileName, "is empty", "write schemaVersion: 1, image, build and environments (docs/slipway-yaml.md)");
        }
        Section top = section(root.get(), "", 1, Set.of("schemaVersion", "image", "build", "layout", "registry", "environments"));
        String version = top.scalar("schemaVersion");
        if (version == null) {
            throw top.error("schemaVersion", "is missing", "start the file with schemaVersion: " + SCHEMA_VERSION);
        }
        if (!version.equals(String.valueOf(SCHEMA_VERSION))) {
            throw top.error("schemaVersion", "is " + version + "; this Slipway reads version " + SCHEMA_VERSION,
                    version.matches("\\d+") && Integer.parseInt(version) > SCHEMA_VERSION ? "upgrade Slipway to read this file"
                            : "write schemaVersion: " + SCHEMA_VERSION);
        }
        Section buildSection = top.section("build", Set.of("context", "dockerfile", "args", "target", "platform", "driver",
                "insecureRegistries", "pullAuthFile"));
        String layout = top.scalar("layout");
        if (buildSection != null && layout != null) {
            throw top.error("layout", "and build exclude each other", "keep build to build the image, or layout to push one built elsewhere");
        }
        Section environments = top.section("environments", null);
        if (environments == null || environments.keys().isEmpty()) {
            throw top.error("environments", environments == null ? "is missing" : "is empty",
                    "name at least one environment, e.g. environments: {dev: {mode: gitops, gitops: {...}}}");
        }
        Map<String, DeliveryConfig.Environment> byName = new LinkedHashMap<>();
        for (String name : environments.keys()) {
            byName.put(name, environment(environments, name));
        }
        return new DeliveryConfig(SCHEMA_VERSION, image(top), build(buildSection), layout, registry(top), byName);
    }

    private DeliveryConfig.Environment environment(Section environments, String name) {
        Section env = environments.section(name, Set.of("mode", "image", "registry", "gitops", "kubernetes", "wait"));
        String modeText = env.scalar("mode");
        if (modeText == null) {
            throw env.error("mode", "is missing", "write mode: push (apply to a cluster) or mode: gitops (commit to a repository)");
        }
        Mode mode = switch (modeText.toLowerCase(Locale.ROOT)) {
            case "push" -> Mode.PUSH;
            case "gitops" -> Mode.GITOPS;
            default -> throw env.error("mode", "is '" + modeText + "'", "write push or gitops");
        };
        Section gitops = env.section("gitops", Set.of("repository", "branch", "path", "auth", "pullRequest", "author", "message",
                "pin", "helm", "fluxPolicy"));
        Section kubernetes = env.section("kubernetes", Set.of("manifests", "kubeconfigFile", "kubeconfigEnv", "context",
                "namespace", "rollback", "timeout", "plan", "aks"));
        Section await = env.section("wait", Set.of("argocd", "flux", "timeout", "pollInterval", "refresh"));
        if (mode == Mode.GITOPS && gitops == null) {
            throw env.error("gitops", "is missing for mode gitops", "give gitops: {repository: <url>, branch: main, path: <folder>}");
        }
        if (mode == Mode.GITOPS && kubernetes != null) {
            throw env.error("kubernetes", "is for mode push", "remove it, or set mode: push");
        }
        if (mode == Mode.PUSH && kubernetes == null) {
            throw env.error("kubernetes", "is missing for mode push", "give kubernetes: {manifests: [k8s/overlays/prod], kubeconfigEnv: KUBECONFIG}");
        }
        if (mode == Mode.PUSH && gitops != null) {
            throw env.error("gitops", "is for mode gitops", "remove it, or set mode: gitops");
        }
        if (mode == Mode.PUSH && await != null) {
            throw env.error("wait", "is for mode gitops: push mode waits for the rollout itself",
                    "remove it; kubernetes.timeout bounds the rollout");
        }
        return new DeliveryConfig.Environment(name, env.line, mode, image(env), registry(env), gitops(gitops), kubernetes(kubernetes),
                await(await));
    }

    private DeliveryConfig.Image image(Section parent) {
        Section image = parent.section("image", Set.of("repository", "tags"));
        return image == null ? null : new DeliveryConfig.Image(image.scalar("repository"), image.list("tags"));
    }

    private static DeliveryConfig.Build build(Section build) {
        if (build == null) {
            return null;
        }
        return new DeliveryConfig.Build(build.scalar("context"), build.scalar("dockerfile"), build.map("args"), build.scalar("target"),
                build.scalar("platform"), build.scalar("driver"), build.list("insecureRegistries"), build.scalar("pullAuthFile"));
    }

    private DeliveryConfig.Registry registry(Section parent) {
        Section registry = parent.section("registry", Set.of("username", "passwordEnv", "passwordFile", "acrRefreshTokenEnv",
                "plainHttp", "caFile", "azure"));
        if (registry == null) {
            return null;
        }
        Section azure = registry.section("azure", AZURE_KEYS);
        for (String other : List.of("username", "acrRefreshTokenEnv")) {
            if (azure != null && registry.node(other) != null) {
                throw registry.error(other, "and azure exclude each other", "log in to the registry one way: azure (an Azure AD"
                        + " identity exchanged for an ACR token), username with a password, or acrRefreshTokenEnv");
            }
        }
        if (registry.scalar("username") == null && (registry.scalar("passwordEnv") != null || registry.scalar("passwordFile") != null)) {
            throw registry.error("username", "is missing: a password needs a user name", "add username (for ACR tokens, the token's name)");
        }
        return new DeliveryConfig.Registry(registry.scalar("username"), registry.scalar("passwordEnv"), registry.scalar("passwordFile"),
                registry.scalar("acrRefreshTokenEnv"), registry.bool("plainHttp"), registry.scalar("caFile"),
                azure == null ? null : azure(azure));
    }

    private static DeliveryConfig.GitOps gitops(Section gitops) {
        if (gitops == null) {
            return null;
        }
        if (gitops.scalar("repository") == null) {
            throw gitops.error("repository", "is missing", "give the GitOps repository's URL (https://, ssh:// or git://)");
        }
        Section auth = gitops.section("auth", Set.of("username", "passwordEnv", "passwordFile", "sshKeyFile", "knownHostsFile",
                "acceptNewHostKey"));
        Section pullRequest = gitops.node("pullRequest") instanceof ScalarNode ? null
                : gitops.section("pullRequest", Set.of("host", "apiUrl", "tokenEnv"));
        DeliveryConfig.PullRequest pr = pullRequest != null
                ? new DeliveryConfig.PullRequest(pullRequest.scalar("host"), pullRequest.scalar("apiUrl"), pullRequest.scalar("tokenEnv"))
                : Boolean.TRUE.equals(gitops.bool("pullRequest")) ? new DeliveryConfig.PullRequest(null, null, null) : null;
        Section helm = gitops.section("helm", Set.of("files", "repositoryKey", "tagKey", "digestKey", "imageKey"));
        return new DeliveryConfig.GitOps(gitops.scalar("repository"), gitops.scalar("branch"), gitops.scalar("path"),
                auth == null ? null : new DeliveryConfig.GitAuth(auth.scalar("username"), auth.scalar("passwordEnv"),
                        auth.scalar("passwordFile"), auth.scalar("sshKeyFile"), auth.scalar("knownHostsFile"), auth.bool("acceptNewHostKey")),
                pr, gitops.scalar("author"), gitops.scalar("message"), gitops.scalar("pin"),
                helm == null ? null : new DeliveryConfig.Helm(helm.scalar("files"), helm.scalar("repositoryKey"), helm.scalar("tagKey"),
                        helm.scalar("digestKey"), helm.scalar("imageKey")), fluxPolicy(gitops));
    }

    /** {@code gitops.fluxPolicy}: one {@code <namespace>:<policy>} or a list of them, named as Flux's markers name them. */
    private static List<String> fluxPolicy(Section gitops) {
        List<String> policies = gitops.list("fluxPolicy");
        if (policies == null) {
            return List.of();
        }
        for (String policy : policies) {
            if (policy == null || !policy.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
                throw gitops.error("fluxPolicy", "has '" + policy + "', which is not <namespace>:<policy>",
                        "name each ImagePolicy as the markers do, e.g. fluxPolicy: [flux-system:web] for # {\"$imagepolicy\": \"flux-system:web\"}");
            }
        }
        return policies;
    }

    private static DeliveryConfig.Kubernetes kubernetes(Section k) {
        if (k == null) {
            return null;
        }
        List<String> manifests = k.list("manifests");
        if (manifests == null || manifests.isEmpty()) {
            throw k.error("manifests", "is missing", "list the manifest files, folders or kustomize folders, e.g. manifests: [k8s/overlays/prod]");
        }
        return new DeliveryConfig.Kubernetes(manifests, k.scalar("kubeconfigFile"), k.scalar("kubeconfigEnv"), k.scalar("context"),
                k.scalar("namespace"), k.bool("rollback"), k.scalar("timeout"), k.bool("plan"), aks(k));
    }

    /** {@code kubernetes.aks}: the cluster by its Azure names and the identity that reads its credentials, never with a kubeconfig. */
    private static DeliveryConfig.Aks aks(Section k) {
        Section aks = k.section("aks", Set.of("subscriptionId", "resourceGroup", "clusterName", "admin", "armEndpoint", "caFile",
                "azure"));
        if (aks == null) {
            return null;
        }
        for (String kubeconfigKey : List.of("kubeconfigFile", "kubeconfigEnv", "context")) {
            if (k.node(kubeconfigKey) != null) {
                throw k.error(kubeconfigKey, "and aks exclude each other",
                        "reach the cluster either through aks (its credentials come from Azure) or through a kubeconfig, not both");
            }
        }
        for (String required : List.of("subscriptionId", "resourceGroup", "clusterName")) {
            if (aks.scalar(required) == null) {
                throw aks.error(required, "is missing", "give the AKS cluster's subscriptionId, resourceGroup and clusterName");
            }
        }
        Section azure = aks.section("azure", AZURE_KEYS);
        if (azure == null) {
            throw aks.error("azure", "is missing: the cluster's credentials are read from Azure Resource Manager with an"
                    + " Azure AD identity", "give azure: {kind: workload-identity}, or kind: client-secret with tenant, clientId"
                    + " and clientSecretEnv");
        }
        return new DeliveryConfig.Aks(aks.scalar("subscriptionId"), aks.scalar("resourceGroup"), aks.scalar("clusterName"),
                aks.bool("admin"), aks.scalar("armEndpoint"), aks.scalar("caFile"), azure(azure));
    }

    /** An Azure AD identity section: the kind, and secrets only through the ...Env and ...File keys. */
    private static DeliveryConfig.Azure azure(Section azure) {
        String kind = azure.scalar("kind");
        Set<String> kinds = Set.of("client-secret", "client-certificate", "managed-identity", "workload-identity");
        if (kind == null || !kinds.contains(kind)) {
            throw azure.error("kind", kind == null ? "is missing" : "is '" + kind + "'",
                    "write kind: client-secret, client-certificate, managed-identity or workload-identity");
        }
        if (azure.scalar("clientSecretEnv") != null && azure.scalar("clientSecretFile") != null) {
            throw azure.error("clientSecretFile", "and clientSecretEnv exclude each other", "keep one of them");
        }
        if (kind.equals("client-certificate") && azure.scalar("certificateFile") == null) {
            throw azure.error("certificateFile", "is missing for kind client-certificate",
                    "give the PEM or PKCS#12 file of the service principal");
        }
        String cloud = azure.scalar("cloud");
        if (cloud != null && dev.slipway.azure.AzureCloud.named(cloud).isEmpty()) {
            throw azure.error("cloud", "is '" + cloud + "'", "write AzureCloud, AzureChinaCloud or AzureUSGovernment");
        }
        return new DeliveryConfig.Azure(kind, azure.scalar("tenant"), azure.scalar("clientId"), azure.scalar("clientSecretEnv"),
                azure.scalar("clientSecretFile"), azure.scalar("certificateFile"), azure.scalar("certificatePasswordEnv"),
                azure.scalar("federatedTokenFile"), cloud, azure.scalar("authorityHost"));
    }

    private static DeliveryConfig.Wait await(Section w) {
        if (w == null) {
            return null;
        }
        Section argo = w.section("argocd", Set.of("application", "server", "tokenEnv", "tokenFile"));
        Section flux = w.section("flux", Set.of("object", "kubeconfigFile", "kubeconfigEnv", "context", "aks"));
        if ((argo == null) == (flux == null)) {
            throw w.error(argo == null ? "argocd" : "flux", argo == null ? "is missing" : "and argocd exclude each other",
                    "give argocd: {application: <name>, server: <url>, tokenEnv: ARGOCD_TOKEN} or flux: {object: <name>,"
                            + " kubeconfigEnv: KUBECONFIG}, one of them, or remove wait");
        }
        if (flux != null) {
            if (flux.scalar("object") == null) {
                throw flux.error("object", "is missing", "name the Flux object: [Kustomization|HelmRelease/][namespace/]name");
            }
            DeliveryConfig.FluxWait fluxWait = new DeliveryConfig.FluxWait(flux.scalar("object"), flux.scalar("kubeconfigFile"),
                    flux.scalar("kubeconfigEnv"), flux.scalar("context"), aks(flux));
            return new DeliveryConfig.Wait(null, null, null, null, w.scalar("timeout"), w.scalar("pollInterval"), w.bool("refresh"),
                    fluxWait);
        }
        for (String required : List.of("application", "server")) {
            if (argo.scalar(required) == null) {
                throw argo.error(required, "is missing", "give the Argo CD " + (required.equals("server") ? "server URL" : "Application name"));
            }
        }
        if ((argo.scalar("tokenEnv") == null) == (argo.scalar("tokenFile") == null)) {
            throw argo.error("tokenEnv", "give exactly one of tokenEnv and tokenFile", "name the variable or file holding a read-only Argo CD token");
        }
        return new DeliveryConfig.Wait(argo.scalar("application"), argo.scalar("server"), argo.scalar("tokenEnv"), argo.scalar("tokenFile"),
                w.scalar("timeout"), w.scalar("pollInterval"), w.bool("refresh"), null);
    }

    private Section section(Node node, String path, int keyLine, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw new InvalidInputException(fileName + ":" + keyLine + (path.isEmpty() ? "" : " " + path),
                    "is not a mapping of keys to values", path.isEmpty() ? "write the file as key: value lines" : "write " + path + " as key: value lines below it");
        }
        return new Section(mapping, path, keyLine, allowed);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(-1) + 1;
    }

    /** One mapping of the file, with the keys it may hold checked when it is read. */
    private final class Section {
        private final String path;
        private final int line;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

        Section(MappingNode mapping, String path, int line, Set<String> allowed) {
            this.path = path;
            this.line = line;
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new InvalidInputException(where(tuple.getKeyNode(), "?"), "a key is not plain text", "write keys as plain words");
                }
                String name = key.getValue();
                if (allowed != null && !allowed.contains(name)) {
                    throw unknown(key, name, allowed);
                }
                NodeTuple earlier = entries.put(name, tuple);
                if (earlier != null) {
                    throw new InvalidInputException(where(key, name), "is given twice (also on line "
                            + SlipwayYaml.line(earlier.getKeyNode()) + ")", "keep one of them");
                }
            }
        }

        private InvalidInputException unknown(ScalarNode key, String name, Set<String> allowed) {
            String normalised = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            if (SECRET_KEYS.contains(normalised)) {
                List<String> references = allowed.stream().filter(k -> k.endsWith("Env") || k.endsWith("File")).sorted().toList();
                return new InvalidInputException(where(key, name), "secrets are never written in " + FILE_NAME,
                        "keep the value in an environment variable or a file and name it"
                                + (references.isEmpty() ? " where the docs say" : " with " + String.join(" or ", references)));
            }
            String near = allowed.stream().filter(k -> close(k.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
            Set<String> sorted = new LinkedHashSet<>(allowed.stream().sorted().toList());
            return new InvalidInputException(where(key, name), "unknown key '" + name + "'",
                    (near == null ? "" : "did you mean '" + near + "'? ") + "keys allowed " + (path.isEmpty() ? "at the top" : "in " + path)
                            + ": " + String.join(", ", sorted));
        }

        private String where(Node node, String key) {
            return fileName + ":" + SlipwayYaml.line(node) + " " + (path.isEmpty() ? key : path + "." + key);
        }

        Set<String> keys() {
            return entries.keySet();
        }

        Node node(String key) {
            NodeTuple tuple = entries.get(key);
            return tuple == null ? null : tuple.getValueNode();
        }

        InvalidInputException error(String key, String message, String fix) {
            NodeTuple tuple = entries.get(key);
            String at = fileName + ":" + (tuple == null ? line : SlipwayYaml.line(tuple.getKeyNode()));
            return new InvalidInputException(at + " " + (path.isEmpty() ? key : path + "." + key), message, fix);
        }

        Section section(String key, Set<String> allowed) {
            Node node = node(key);
            if (node == null || isNull(node)) {
                return null;
            }
            return SlipwayYaml.this.section(node, path.isEmpty() ? key : path + "." + key,
                    SlipwayYaml.line(entries.get(key).getKeyNode()), allowed);
        }

        String scalar(String key) {
            Node node = node(key);
            if (node == null || isNull(node)) {
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                throw error(key, "is a " + (node instanceof SequenceNode ? "list" : "mapping") + ", not a single value",
                        "write " + key + ": <value>");
            }
            String value = scalar.getValue().strip();
            return value.isEmpty() ? null : value;
        }

        Boolean bool(String key) {
            String value = scalar(key);
            if (value == null) {
                return null;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw error(key, "is '" + value + "', not true or false", "write " + key + ": true or " + key + ": false");
            };
        }

        List<String> list(String key) {
            Node node = node(key);
            if (node == null || isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode) {
                return List.of(scalar(key));
            }
            if (!(node instanceof SequenceNode sequence)) {
                throw error(key, "is a mapping, not a list", "write " + key + ": [a, b] or one '- value' line per item");
            }
            List<String> values = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar)) {
                    throw error(key, "has an item that is not a single value", "write each item of " + key + " as plain text");
                }
                values.add(scalar.getValue());
            }
            return values;
        }

        Map<String, String> map(String key) {
            Section section = section(key, null);
            if (section == null) {
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : section.keys()) {
                values.put(name, section.scalar(name) == null ? "" : section.scalar(name));
            }
            return values;
        }

        private boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null");
        }
    }

    /** One edit apart (a typo): a letter changed, added or dropped. */
    private static boolean close(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        int edits = 0;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (++edits > 1) {
                return false;
            }
            if (a.length() > b.length()) {
                i++;
            } else if (b.length() > a.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return edits + (a.length() - i) + (b.length() - j) <= 1;
    }
}
