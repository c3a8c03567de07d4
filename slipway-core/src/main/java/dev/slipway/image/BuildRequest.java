package dev.slipway.image;

import dev.slipway.support.EngineMessage;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Build a Dockerfile into an OCI layout on the agent (issue #5). Paths are strings relative to the workspace
 * (resolved and confined there by the agent), because requests cross the remoting channel. Use
 * {@link #builder(ImageRef)}; {@code null}s in the canonical constructor mean "the default".
 *
 * @param driver             which builder runs the build ({@link Driver#AUTO}: buildah where present, else Docker)
 * @param context            build context folder, inside the workspace (default {@code .})
 * @param dockerfile         Dockerfile path, inside the workspace (default {@code <context>/Dockerfile})
 * @param image              the repository the image will be pushed to; names the build and its tags
 * @param tags               tags to give the image; may hold templates ({@link TagTemplates}); {@code latest} only
 *                           when listed. Empty: {@code {gitCommitShort}} when the commit is known, else
 *                           {@code {buildNumber}}, else none (push by digest only)
 * @param buildArgs          {@code --build-arg} values; never secrets (use {@code secrets})
 * @param labels             labels added to (and overriding) the OCI defaults
 * @param defaultLabels      add {@code org.opencontainers.image.source}, {@code .revision} and {@code .created}
 * @param target             multi-stage target, or {@code null} for the last stage
 * @param platform           e.g. {@code linux/amd64}, or {@code null} for the agent's own
 * @param pull               when to pull base images
 * @param noCache            build without the layer cache
 * @param secrets            build secrets mounted with {@code RUN --mount=type=secret}, never in argv or layers
 * @param insecureRegistries registries pulled from over plain HTTP or unverified TLS (test and internal
 *                           registries; buildah only, a Docker daemon has its own setting)
 * @param pullAuthFile       registry credentials for pulling base images: a containers/Docker auth file
 *                           ({@code {"auths":{...}}}), inside the workspace or its {@code @tmp} folder; buildah only
 *                           (a Docker daemon uses {@code docker login}); {@code null} for none
 * @param outputLayout       folder the OCI layout is written to, inside the workspace (default
 *                           {@value #DEFAULT_OUTPUT_LAYOUT}); replaced if it holds an earlier layout
 * @param provenance         source repository, commit, branch and build number: labels and tag templates
 */
public record BuildRequest(Driver driver, String context, String dockerfile, ImageRef image, List<String> tags,
        Map<String, String> buildArgs, Map<String, String> labels, boolean defaultLabels, String target,
        String platform, PullPolicy pull, boolean noCache, List<BuildSecret> secrets, List<String> insecureRegistries,
        String pullAuthFile, String outputLayout, Provenance provenance) implements EngineMessage {

    public static final String DEFAULT_OUTPUT_LAYOUT = ".slipway/oci-layout";

    public BuildRequest {
        Objects.requireNonNull(image, "image");
        driver = driver == null ? Driver.AUTO : driver;
        context = context == null || context.isBlank() ? "." : context;
        dockerfile = dockerfile == null || dockerfile.isBlank() ? null : dockerfile;
        tags = tags == null ? List.of() : List.copyOf(tags);
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        target = target == null || target.isBlank() ? null : target;
        platform = platform == null || platform.isBlank() ? null : platform;
        pull = pull == null ? PullPolicy.MISSING : pull;
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        pullAuthFile = pullAuthFile == null || pullAuthFile.isBlank() ? null : pullAuthFile;
        outputLayout = outputLayout == null || outputLayout.isBlank() ? DEFAULT_OUTPUT_LAYOUT : outputLayout;
    }

    public static Builder builder(ImageRef image) {
        return new Builder(image);
    }

    /** The Dockerfile path as given, or {@code <context>/Dockerfile}. */
    public String dockerfileOrDefault() {
        return dockerfile != null ? dockerfile : context + "/Dockerfile";
    }

    public enum Driver { AUTO, BUILDAH, DOCKER }

    public enum PullPolicy { MISSING, ALWAYS, NEVER }

    /**
     * A build secret: its id in the Dockerfile ({@code RUN --mount=type=secret,id=<id>}) and either a file on the
     * agent that holds it ({@code file}, inside the workspace or the workspace's {@code @tmp} folder, where Jenkins
     * puts secret files) or the value itself ({@code value}, written to a private file for the build and deleted).
     */
    public record BuildSecret(String id, String file, Secret value) implements EngineMessage {

        public static BuildSecret fromFile(String id, String file) {
            return new BuildSecret(id, file, null);
        }

        public static BuildSecret ofValue(String id, Secret value) {
            return new BuildSecret(id, null, value);
        }
    }

    /** Collects the optional parts of a request; every setter normalises like the canonical constructor. */
    public static final class Builder {
        private final ImageRef image;
        private Driver driver = Driver.AUTO;
        private String context = ".";
        private String dockerfile;
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private boolean defaultLabels = true;
        private String target;
        private String platform;
        private PullPolicy pull = PullPolicy.MISSING;
        private boolean noCache;
        private final List<BuildSecret> secrets = new ArrayList<>();
        private final List<String> insecureRegistries = new ArrayList<>();
        private String pullAuthFile;
        private String outputLayout = DEFAULT_OUTPUT_LAYOUT;
        private Provenance provenance;

        private Builder(ImageRef image) {
            this.image = Objects.requireNonNull(image, "image");
        }

        public Builder driver(Driver value) { driver = value; return this; }
        public Builder context(String value) { context = value; return this; }
        public Builder dockerfile(String value) { dockerfile = value; return this; }
        public Builder tags(List<String> values) { tags.addAll(values); return this; }
        public Builder tag(String value) { tags.add(value); return this; }
        public Builder buildArgs(Map<String, String> values) { buildArgs.putAll(values); return this; }
        public Builder buildArg(String name, String value) { buildArgs.put(name, value); return this; }
        public Builder labels(Map<String, String> values) { labels.putAll(values); return this; }
        public Builder label(String name, String value) { labels.put(name, value); return this; }
        public Builder defaultLabels(boolean value) { defaultLabels = value; return this; }
        public Builder target(String value) { target = value; return this; }
        public Builder platform(String value) { platform = value; return this; }
        public Builder pull(PullPolicy value) { pull = value; return this; }
        public Builder noCache(boolean value) { noCache = value; return this; }
        public Builder secret(BuildSecret value) { secrets.add(value); return this; }
        public Builder secrets(List<BuildSecret> values) { secrets.addAll(values); return this; }
        public Builder insecureRegistry(String value) { insecureRegistries.add(value); return this; }
        public Builder insecureRegistries(List<String> values) { insecureRegistries.addAll(values); return this; }
        public Builder pullAuthFile(String value) { pullAuthFile = value; return this; }
        public Builder outputLayout(String value) { outputLayout = value; return this; }
        public Builder provenance(Provenance value) { provenance = value; return this; }

        public BuildRequest build() {
            return new BuildRequest(driver, context, dockerfile, image, tags, buildArgs, labels, defaultLabels, target,
                    platform, pull, noCache, secrets, insecureRegistries, pullAuthFile, outputLayout, provenance);
        }
    }
}
