package io.backprop.dataset;

import io.backprop.web.NotFoundException;

/** No data set has this id (404). */
class DatasetNotFoundException extends NotFoundException {

    DatasetNotFoundException(String id) {
        super("data set", id);
    }
}
