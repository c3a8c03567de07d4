package io.jenkins.plugins.slipway.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What an {@code acrBuild} step was given, normalised: blanks are {@code null}, lists and maps are never null, tags
 * and keys are trimmed. It holds credential <em>ids</em> only, never a secret.
 *
 * @param image         repository to push to, e.g. {@code shop.azurecr.io/shop/web} (required)
 * @param dockerfile    Dockerfile path in the workspace, or {@code null} for {@code <context>/Dockerfile}
 * @param context       build context folder in the workspace, or {@code null} for the workspace itself
 * @param tags          tags (templates such as {@code {gitCommitShort}} allowed); empty for the engine's default
 * @param buildArgs     {@code --build-arg} values (never secrets)
 * @param labels        image labels
 * @param target        multi-stage target, or {@code null}
 * @param platform      e.g. {@code linux/amd64}, or {@code null}
 * @param secrets       build secret id → id of the secret text credential holding its value
 * @param credentialsId credential used to push (Azure or username/password), or {@code null} for anonymous
 */
public record AcrBuildSettings(String image, String dockerfile, String context, List<String> tags,
        Map<String, String> buildArgs, Map<String, String> labels, String target, String platform,
        Map<String, String> secrets, String credentialsId) implements Serializable {

    public AcrBuildSettings {
        image = StepValues.text(image);
        dockerfile = StepValues.text(dockerfile);
        context = StepValues.text(context);
        tags = StepValues.list(tags);
        buildArgs = StepValues.map(buildArgs);
        labels = StepValues.map(labels);
        target = StepValues.text(target);
        platform = StepValues.text(platform);
        secrets = StepValues.map(secrets);
        credentialsId = StepValues.text(credentialsId);
    }

    /** Settings with only the image. */
    public static AcrBuildSettings of(String image) {
        return new AcrBuildSettings(image, null, null, null, null, null, null, null, null, null);
    }

    public AcrBuildSettings withTags(List<String> value) {
        return new AcrBuildSettings(image, dockerfile, context, value, buildArgs, labels, target, platform, secrets,
                credentialsId);
    }

    public AcrBuildSettings withDockerfile(String value) {
        return new AcrBuildSettings(image, value, context, tags, buildArgs, labels, target, platform, secrets,
                credentialsId);
    }

    public AcrBuildSettings withContext(String value) {
        return new AcrBuildSettings(image, dockerfile, value, tags, buildArgs, labels, target, platform, secrets,
                credentialsId);
    }

    public AcrBuildSettings withBuildArgs(Map<String, String> value) {
        return new AcrBuildSettings(image, dockerfile, context, tags, value, labels, target, platform, secrets,
                credentialsId);
    }

    public AcrBuildSettings withLabels(Map<String, String> value) {
        return new AcrBuildSettings(image, dockerfile, context, tags, buildArgs, value, target, platform, secrets,
                credentialsId);
    }

    public AcrBuildSettings withTarget(String value) {
        return new AcrBuildSettings(image, dockerfile, context, tags, buildArgs, labels, value, platform, secrets,
                credentialsId);
    }

    public AcrBuildSettings withPlatform(String value) {
        return new AcrBuildSettings(image, dockerfile, context, tags, buildArgs, labels, target, value, secrets,
                credentialsId);
    }

    public AcrBuildSettings withSecrets(Map<String, String> value) {
        return new AcrBuildSettings(image, dockerfile, context, tags, buildArgs, labels, target, platform, value,
                credentialsId);
    }

    public AcrBuildSettings withCredentialsId(String value) {
        return new AcrBuildSettings(image, dockerfile, context, tags, buildArgs, labels, target, platform, secrets,
                value);
    }
}
