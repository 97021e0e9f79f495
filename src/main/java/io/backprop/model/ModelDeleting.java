package io.backprop.model;

/**
 * Published before a model is deleted, so that what refers to it (an alias of its version) can refuse by
 * throwing; {@code version} is null for a model that never succeeded.
 */
public record ModelDeleting(String id, String owner, String name, Integer version) {
}
