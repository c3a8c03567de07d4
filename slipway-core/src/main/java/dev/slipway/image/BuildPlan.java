package dev.slipway.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A build request resolved on the agent: paths real and confined, tags expanded, labels merged, secrets as files.
 * What a {@link ImageBuilder} turns into its command lines.
 *
 * @param context            the build context folder
 * @param dockerfile         the Dockerfile
 * @param image              the repository the image is for
 * @param tags               expanded tags (the first names the image in the layout)
 * @param buildArgs          build arguments, sorted by name
 * @param labels             labels (OCI defaults merged with the user's), sorted by name
 * @param target             stage to build, or {@code null}
 * @param platform           platform, or {@code null}
 * @param pull               pull policy
 * @param noCache            build without the layer cache
 * @param secrets            build secrets, each a file
 * @param insecureRegistries registries pulled from without TLS verification
 * @param pullAuthFile       registry credentials for base images (containers auth file), or {@code null}
 * @param scratch            a private folder for this build, deleted afterwards
 * @param layout             the (not yet existing) folder the builder writes the OCI layout to
 */
public record BuildPlan(Path context, Path dockerfile, ImageRef image, List<String> tags,
        Map<String, String> buildArgs, Map<String, String> labels, String target, String platform,
        BuildRequest.PullPolicy pull, boolean noCache, List<SecretFile> secrets, List<String> insecureRegistries,
        Path pullAuthFile, Path scratch, Path layout) {

    public BuildPlan {
        tags = List.copyOf(tags);
        buildArgs = Collections.unmodifiableSortedMap(new TreeMap<>(buildArgs));
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        secrets = List.copyOf(secrets);
        insecureRegistries = List.copyOf(insecureRegistries);
    }

    /** A build secret as builders take it: an id and a file (only the path goes on a command line). */
    public record SecretFile(String id, Path file) { }

    /**
     * The options {@code buildah build} and {@code docker build} spell the same way: no-cache, target, platform,
     * build arguments and labels (sorted), and secrets as {@code id=<id>,src=<file>}, never their content.
     */
    public List<String> sharedBuildOptions() {
        List<String> options = new ArrayList<>();
        if (noCache) {
            options.add("--no-cache");
        }
        if (target != null) {
            options.addAll(List.of("--target", target));
        }
        if (platform != null) {
            options.addAll(List.of("--platform", platform));
        }
        buildArgs.forEach((name, value) -> options.addAll(List.of("--build-arg", name + "=" + value)));
        labels.forEach((name, value) -> options.addAll(List.of("--label", name + "=" + value)));
        for (SecretFile secret : secrets) {
            options.addAll(List.of("--secret", "id=" + secret.id() + ",src=" + secret.file()));
        }
        return List.copyOf(options);
    }
}
