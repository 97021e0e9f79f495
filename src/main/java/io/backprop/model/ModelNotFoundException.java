package io.backprop.model;

import io.backprop.web.NotFoundException;

/** No model has this id (404). */
class ModelNotFoundException extends NotFoundException {

    ModelNotFoundException(String id) {
        super("model", id);
    }
}
