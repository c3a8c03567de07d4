package io.jenkins.plugins.slipway.model;

import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;

/**
 * What a form field's check found, without Jenkins types, for the descriptors' {@code doCheck*} methods to map to a
 * {@code FormValidation}. The checks reuse the steps' own parsing, so the form says what the step would refuse.
 *
 * @param ok      whether the value is accepted
 * @param message why not, and what to write instead; {@code null} when accepted
 */
public record FieldCheck(boolean ok, String message) {

    public static FieldCheck accepted() {
        return new FieldCheck(true, null);
    }

    public static FieldCheck refused(String message) {
        return new FieldCheck(false, message);
    }

    /** A check that runs the step's parsing of the value. */
    @FunctionalInterface
    public interface Parse {
        void run();
    }

    /** Accepted when the parsing passes; else its message and fix, without the field name (the form shows it). */
    public static FieldCheck of(Parse parse) {
        try {
            parse.run();
            return accepted();
        } catch (InvalidInputException refused) {
            String message = refused.getMessage();
            String prefix = refused.field() + ": ";
            String text = message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            return refused(refused.fix() == null ? text : text + "; " + refused.fix());
        } catch (SlipwayException refused) {
            return refused(refused.describe());
        }
    }

    /** {@code acrCopy}'s {@code source}. */
    public static FieldCheck copySource(String value) {
        return of(() -> AcrCopyPlan.source(AcrCopySettings.of(value, null)));
    }

    /** {@code acrCopy}'s {@code target}. */
    public static FieldCheck copyTarget(String value) {
        return of(() -> AcrCopyPlan.target(AcrCopySettings.of(null, value)));
    }

    /** {@code aksDeploy}'s {@code manifests}. */
    public static FieldCheck manifests(String value) {
        return AksDeployPlan.splitManifests(value).isEmpty()
                ? refused("give the manifests to apply: files, folders, globs or kustomize folders in the workspace")
                : accepted();
    }

    /** {@code aksDeploy}'s {@code images}: each a valid image reference; a warning-free empty value. */
    public static FieldCheck images(String value) {
        return of(() -> AksDeployPlan.images(new AksDeploySettings(java.util.List.of("x"), StepValues.splitTags(value),
                null, ClusterSettings.kubeconfig("x", null), false, false, false, false, null, true, false, null)));
    }

    /** {@code aksDeploy}'s {@code timeout}. */
    public static FieldCheck timeout(String value) {
        return of(() -> AksDeployPlan.timeout(StepValues.text(value)));
    }
}
