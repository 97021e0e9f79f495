package io.backprop.model;

/** Published when a model is deleted, for whatever holds it elsewhere (the prediction cache) to let it go. */
public record ModelDeleted(String id) {
}
