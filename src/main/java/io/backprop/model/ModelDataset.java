package io.backprop.model;

import org.springframework.data.annotation.Id;

/**
 * What a model trains on, kept so that an interrupted job can be run again after a restart: its rows (JSON) and,
 * when it continues another model's training, the parameters it starts from (binary, see
 * {@link ParametersCodec}), else null.
 */
record ModelDataset(@Id String modelId, String content, byte[] initialParameterBytes) {
}
