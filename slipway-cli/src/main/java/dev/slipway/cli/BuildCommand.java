package dev.slipway.cli;

import dev.slipway.delivery.Engine;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.BuildRequest;
import dev.slipway.image.BuildResult;
import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.Provenance;
import dev.slipway.support.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipway build}: a Dockerfile into an OCI layout, ready for {@code slipway push}. Exit codes: 0 built,
 * 1 the build failed, 2 bad usage or input. Progress goes to stderr; the result to stdout.
 */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build a Dockerfile into an OCI layout (buildah, no daemon needed; or a Docker daemon), ready for"
                + " 'slipway push --layout'.",
            "Paths are relative to the workspace and must stay inside it."},
        footerHeading = "%nExamples:%n",
        footer = {"  slipway build --image myacr.azurecr.io/shop/web --context app \\",
            "      --tag '{gitCommitShort}'",
            "  slipway build --image myacr.azurecr.io/shop/web -f app/Dockerfile.prod \\",
            "      --build-arg BASE_IMAGE=python:3.12-slim --secret id=npmrc,src=.npmrc \\",
            "      --layout out/web -o json"})
public final class BuildCommand extends EngineCommand {

    @Option(names = "--image", required = true, paramLabel = "REPOSITORY",
            description = "Repository the image is for, e.g. myacr.azurecr.io/shop/web (a :tag here is one more tag).")
    String image;

    @Option(names = {"-c", "--context"}, defaultValue = ".", paramLabel = "DIR", description = "Build context folder (default: ${DEFAULT-VALUE}).")
    String context;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Dockerfile (default: <context>/Dockerfile).")
    String dockerfile;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = {"Tag; repeatable. Templates: {gitCommitShort}, {gitCommit},"
            + " {buildNumber}, {branch} (sanitised). 'latest' only when given.",
        "Default: {gitCommitShort} when the commit is known, else {buildNumber}, else none."})
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "NAME=VALUE", description = "Build argument; repeatable. Never a secret: use --secret.")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "Label; repeatable. Overrides the OCI defaults.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--no-default-labels", description = "Do not add org.opencontainers.image.source, .revision and .created.")
    boolean noDefaultLabels;

    @Option(names = "--secret", paramLabel = "id=ID,src=FILE|env=VAR", description = {"Build secret for RUN --mount=type=secret,id=ID;"
            + " repeatable. From a file (inside the workspace or its @tmp folder) or an environment variable.",
        "The value never goes on a command line, into build arguments or into the image."})
    List<String> secrets = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Multi-stage target.")
    String target;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Platform, e.g. linux/amd64 (default: the agent's).")
    String platform;

    @Option(names = "--pull", defaultValue = "missing", paramLabel = "POLICY",
            description = "When to pull base images: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PullOption pull;

    @Option(names = "--no-cache", description = "Build without the layer cache.")
    boolean noCache;

    @Option(names = "--driver", defaultValue = "auto", paramLabel = "DRIVER",
            description = "Builder: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: buildah where installed, else Docker).")
    DriverOption driver;

    @Option(names = "--layout", defaultValue = BuildRequest.DEFAULT_OUTPUT_LAYOUT, paramLabel = "DIR",
            description = "OCI layout folder to write (default: ${DEFAULT-VALUE}); an earlier layout there is replaced.")
    String layout;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Registry to pull base images from without TLS verification; repeatable (buildah).")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--pull-auth-file", paramLabel = "FILE", description = {"Registry credentials for pulling base images:"
            + " a Docker config.json or containers auth.json, inside the workspace or its @tmp folder (buildah; Docker uses"
            + " its own logins)."})
    String pullAuthFile;

    @Option(names = "--git-commit", defaultValue = "${env:GIT_COMMIT}", paramLabel = "SHA", description = "Source commit (default: $GIT_COMMIT).")
    String commit;

    @Option(names = "--branch", defaultValue = "${env:BRANCH_NAME:-${env:GIT_BRANCH}}", paramLabel = "NAME",
            description = "Source branch (default: $BRANCH_NAME, else $GIT_BRANCH).")
    String branch;

    @Option(names = "--build-number", defaultValue = "${env:BUILD_NUMBER}", paramLabel = "N", description = "CI build number (default: $BUILD_NUMBER).")
    Long buildNumber;

    @Option(names = "--source-url", defaultValue = "${env:GIT_URL}", paramLabel = "URL",
            description = "Source repository URL for the source label; credentials in it are dropped (default: $GIT_URL).")
    String sourceUrl;

    enum PullOption { missing, always, never }

    enum DriverOption { auto, buildah, docker }

    @Override
    int run(EngineContext context) {
        BuildResult result = new Engine(context).build(request());
        result(result, "image:  " + result.image().reference()
                + "\ntags:   " + (result.tags().isEmpty() ? "(none: push by digest)" : String.join(", ", result.tags()))
                + "\nlayout: " + result.layout());
        return OK;
    }

    BuildRequest request() {
        return BuildRequest.builder(ImageRef.parse("--image", image))
                .driver(BuildRequest.Driver.valueOf(driver.name().toUpperCase(Locale.ROOT)))
                .context(context)
                .dockerfile(dockerfile)
                .tags(tags)
                .buildArgs(buildArgs)
                .labels(labels)
                .defaultLabels(!noDefaultLabels)
                .target(target)
                .platform(platform)
                .pull(BuildRequest.PullPolicy.valueOf(pull.name().toUpperCase(Locale.ROOT)))
                .noCache(noCache)
                .secrets(secrets.stream().map(this::secret).toList())
                .insecureRegistries(insecureRegistries)
                .pullAuthFile(pullAuthFile)
                .outputLayout(layout)
                .provenance(new Provenance(blankToNull(sourceUrl), blankToNull(commit), blankToNull(branch), null,
                        buildNumber, null))
                .build();
    }

    /** {@code id=ID,src=FILE} or {@code id=ID,env=VAR} (Docker's --secret syntax; {@code source} for {@code src}). */
    private BuildRequest.BuildSecret secret(String spec) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw usage(spec);
            }
            parts.put(part.substring(0, equals).strip(), part.substring(equals + 1));
        }
        String id = parts.remove("id");
        String file = parts.containsKey("src") ? parts.remove("src") : parts.remove("source");
        String variable = parts.remove("env");
        if (id == null || !parts.isEmpty() || (file == null) == (variable == null)) {
            throw usage(spec);
        }
        if (file != null) {
            return BuildRequest.BuildSecret.fromFile(id, file);
        }
        String value = environment.get(variable);
        if (value == null) {
            throw new InvalidInputException("--secret", "environment variable " + variable + " (secret " + id + ") is not set",
                    "set it, or give the secret as a file: --secret id=" + id + ",src=FILE");
        }
        return BuildRequest.BuildSecret.ofValue(id, Secret.of(value));
    }

    private static InvalidInputException usage(String spec) {
        // the spec may hold a value typed by mistake: show only the keys Slipway knows, never the text
        List<String> keys = java.util.Arrays.stream(spec.split(",")).map(part -> {
            String key = part.split("=", 2)[0].strip();
            return part.contains("=") && List.of("id", "src", "source", "env").contains(key) ? key + "=…" : "…";
        }).toList();
        return new InvalidInputException("--secret", "'" + String.join(",", keys) + "' is not id=ID,src=FILE or id=ID,env=VAR",
                "write --secret id=npmrc,src=.npmrc or --secret id=token,env=NPM_TOKEN");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
