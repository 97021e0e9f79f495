package io.backprop.dataset;

import org.springframework.data.annotation.Id;

/** A stored data set's examples. */
record DatasetRows(@Id String datasetId, DatasetInput content) {
}
