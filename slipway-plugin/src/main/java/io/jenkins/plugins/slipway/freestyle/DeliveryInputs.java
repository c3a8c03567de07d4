package io.jenkins.plugins.slipway.freestyle;

import io.jenkins.plugins.slipway.model.StepValues;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What "Build and deliver" builds and applies, as the job's author gives it (the environment never provides these).
 *
 * @param image      repository to push to; without a registry host, the environment's registry is put in front
 * @param context    build context folder in the workspace ({@code null}: the workspace)
 * @param dockerfile Dockerfile path in the workspace ({@code null}: {@code <context>/Dockerfile})
 * @param tags       tags to push (may hold templates such as {@code {gitCommitShort}})
 * @param buildArgs  {@code --build-arg} values
 * @param manifests  push mode: manifest files, folders or globs in the workspace
 */
public record DeliveryInputs(String image, String context, String dockerfile, List<String> tags,
        Map<String, String> buildArgs, List<String> manifests) implements Serializable {
    public DeliveryInputs {
        image = StepValues.text(image);
        context = StepValues.text(context);
        dockerfile = StepValues.text(dockerfile);
        tags = StepValues.list(tags);
        buildArgs = StepValues.map(buildArgs);
        manifests = StepValues.list(manifests);
    }
}
