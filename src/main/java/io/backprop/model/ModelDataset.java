package io.backprop.model;

import org.springframework.data.annotation.Id;

import io.backprop.network.Parameters;

/**
 * What a model trains on, kept so that an interrupted job can be run again after a restart: the stored rows it
 * shares with any data set or model of the same rows and, when it continues another model's training, the
 * parameters it starts from, else null.
 */
record ModelDataset(@Id String modelId, String rowSetId, Parameters initialParameters) {
}
