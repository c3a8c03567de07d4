package io.jenkins.plugins.slipway.model;

import java.io.Serializable;
import java.util.List;

/**
 * What an {@code acrCopy} step was given, normalised (blanks are {@code null}, tags trimmed). Credential ids only.
 *
 * @param source              the image to copy, best by digest ({@code dev.azurecr.io/shop/web@sha256:…}); a tag is
 *                            resolved to its digest first
 * @param target              the repository to copy to ({@code prod.azurecr.io/shop/web}); a tag in it is set too
 * @param tags                more tags to set on the copy
 * @param sourceCredentialsId credential for the source registry, or {@code null} for anonymous
 * @param targetCredentialsId credential for the target registry, or {@code null} for the source's
 */
public record AcrCopySettings(String source, String target, List<String> tags, String sourceCredentialsId,
        String targetCredentialsId) implements Serializable {

    public AcrCopySettings {
        source = StepValues.text(source);
        target = StepValues.text(target);
        tags = StepValues.list(tags);
        sourceCredentialsId = StepValues.text(sourceCredentialsId);
        targetCredentialsId = StepValues.text(targetCredentialsId);
    }

    public static AcrCopySettings of(String source, String target) {
        return new AcrCopySettings(source, target, null, null, null);
    }

    public AcrCopySettings withTags(List<String> value) {
        return new AcrCopySettings(source, target, value, sourceCredentialsId, targetCredentialsId);
    }

    public AcrCopySettings withSourceCredentialsId(String value) {
        return new AcrCopySettings(source, target, tags, value, targetCredentialsId);
    }

    public AcrCopySettings withTargetCredentialsId(String value) {
        return new AcrCopySettings(source, target, tags, sourceCredentialsId, value);
    }

    /** The credential the target registry is reached with: its own, else the source's. */
    public String effectiveTargetCredentialsId() {
        return targetCredentialsId != null ? targetCredentialsId : sourceCredentialsId;
    }
}
