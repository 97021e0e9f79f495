package io.backprop.model;

import org.springframework.data.annotation.Id;

/** The rows a model trains on, as JSON, kept so that an interrupted job can be run again after a restart. */
record ModelDataset(@Id String modelId, String content) {
}
