package io.backprop.model;

import org.springframework.data.annotation.Id;

import io.backprop.dataset.DatasetInput;
import io.backprop.network.Parameters;

/**
 * What a model trains on, kept so that an interrupted job can be run again after a restart: its rows and, when it
 * continues another model's training, the parameters it starts from, else null.
 */
record ModelDataset(@Id String modelId, DatasetInput content,
        Parameters initialParameters) {
}
