package io.backprop.model;

import io.backprop.web.NotFoundException;

/** No model has this id (404). */
public class ModelNotFoundException extends NotFoundException {

    public ModelNotFoundException(String id) {
        super("model", id);
    }
}
