package io.backprop.dataset;

import org.springframework.data.annotation.Id;

/** A stored data set's examples, as a JSON {@link DatasetInput}. */
record DatasetRows(@Id String datasetId, String content) {
}
