package dev.slipway.delivery;

import dev.slipway.support.EngineMessage;

/**
 * One changed value: in a file of a GitOps repository or in an object applied to a cluster.
 *
 * @param location  the file (relative to the repository root) or object ({@code Deployment/shop/web})
 * @param document  index of the YAML document in the file, 0 for the first; 0 for objects
 * @param field     the field path, e.g. {@code spec.template.spec.containers[web].image} or {@code images[0].newTag}
 * @param oldValue  the value before, or {@code null} when the field was added
 * @param newValue  the value after
 */
public record Change(String location, int document, String field, String oldValue, String newValue) implements EngineMessage { }
