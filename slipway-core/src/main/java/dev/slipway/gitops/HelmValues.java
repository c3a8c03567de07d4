package dev.slipway.gitops;

import dev.slipway.support.InvalidInputException;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Where a Helm values file keeps the image: either separate keys ({@code image.repository}, {@code image.tag},
 * optionally {@code image.digest}) or one key holding the whole reference ({@code image}). Key paths are
 * dot-separated mapping keys. {@code files} is a glob relative to the update root ({@code **}{@code /values*.yaml}).
 * The same key names are used for an Argo CD Application's {@code spec.source.helm.parameters}.
 *
 * @param files         glob of the values files these keys apply to, relative to the root, '/' separated
 * @param repositoryKey key of the repository ({@code image.repository}); null when {@code imageKey} is used
 * @param tagKey        key of the tag; null when the chart has none
 * @param digestKey     key of the digest; null when the chart has none
 * @param imageKey      key of a whole reference ({@code image: repo:tag@digest}); null when separate keys are used
 */
public record HelmValues(String files, String repositoryKey, String tagKey, String digestKey, String imageKey)
        implements Serializable {
    private static final Pattern KEY_PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");

    public HelmValues {
        if (files == null || files.isBlank()) {
            throw new InvalidInputException("helm.files", "no values files are given",
                    "give a glob relative to the repository path, e.g. values.yaml or charts/*/values-prod.yaml");
        }
        if (files.startsWith("/") || files.contains("..")) {
            throw new InvalidInputException("helm.files", "'" + files + "' leaves the update root",
                    "give a glob relative to the repository path, without '..' or a leading '/'");
        }
        check("helm.repositoryKey", repositoryKey);
        check("helm.tagKey", tagKey);
        check("helm.digestKey", digestKey);
        check("helm.imageKey", imageKey);
        if ((imageKey == null) == (repositoryKey == null)) {
            throw new InvalidInputException("helm", "give either imageKey or repositoryKey (with tagKey and/or digestKey)",
                    "e.g. repositoryKey image.repository, tagKey image.tag, digestKey image.digest; or imageKey image");
        }
        if (imageKey != null && (tagKey != null || digestKey != null)) {
            throw new InvalidInputException("helm", "imageKey holds the whole reference, so tagKey and digestKey must not be given",
                    "use either imageKey alone or repositoryKey with tagKey/digestKey");
        }
        if (repositoryKey != null && tagKey == null && digestKey == null) {
            throw new InvalidInputException("helm", "repositoryKey needs a tagKey or a digestKey to write to",
                    "add tagKey (e.g. image.tag) and/or digestKey (e.g. image.digest)");
        }
    }

    /** The common layout: {@code image.repository}, {@code image.tag}, {@code image.digest}. */
    public static HelmValues separateKeys(String files, String prefix, boolean withDigest) {
        return new HelmValues(files, prefix + ".repository", prefix + ".tag", withDigest ? prefix + ".digest" : null, null);
    }

    /** One key holding the whole reference. */
    public static HelmValues wholeReference(String files, String imageKey) {
        return new HelmValues(files, null, null, null, imageKey);
    }

    private static void check(String field, String keyPath) {
        if (keyPath != null && !KEY_PATH.matcher(keyPath).matches()) {
            throw new InvalidInputException(field, "'" + keyPath + "' is not a key path",
                    "write mapping keys separated by '.', e.g. image.tag");
        }
    }
}
